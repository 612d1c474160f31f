import Testing
@testable import BlastImport

@Suite("The Kubernetes technique catalogue")
struct KubernetesTechniqueTests {
    @Test("twenty-one techniques, each id stable, dotted and unique")
    func ids() {
        let ids = KubernetesTechnique.allCases.map(\.rawValue)
        #expect(ids.count == 21)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("k8s.") && !$0.contains(" ") })
    }
}
