import Testing
@testable import BlastImport

@Suite("The Kubernetes technique catalogue")
struct KubernetesTechniqueTests {
    @Test("twenty techniques, each id stable, dotted and unique")
    func ids() {
        let ids = KubernetesTechnique.allCases.map(\.rawValue)
        #expect(ids.count == 20)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("k8s.") && !$0.contains(" ") })
    }
}
