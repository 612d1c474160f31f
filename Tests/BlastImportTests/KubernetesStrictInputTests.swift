import BlastCore
@testable import BlastImport
import BlastTestSupport
import Testing

private typealias Y = KubernetesYAML

/// Issue 15: Kubernetes input that used to be read with a silently different meaning (trial E11)
/// or refused as a broken native model (F2).
@Suite("Kubernetes strict input")
struct KubernetesStrictInputTests {
    private func importing(_ text: String) throws(ImportError) -> (Model, [ImportNote]) {
        var context = ImportContext()
        let model = try KubernetesFormat.importModel(files: [SourceFile(path: "k.yaml", text: text)], context: &context)
        return (model, context.notes)
    }

    let kubeconfig = """
        apiVersion: v1
        kind: Config
        current-context: CURRENT
        contexts:
          - name: ci@prod
            context: {cluster: prod, user: ci}
        users:
          - name: ci
            user: {}
        """

    @Test("E11: a current-context naming no context is an error at its line, not a renamed cluster")
    func missingCurrentContext() throws {
        let e = try #require(throws: ImportError.self) { try importing(kubeconfig.replacingOccurrences(of: "CURRENT", with: "ci@staging")) }
        #expect(e.code == .badValue && e.line == 3 && e.keyPath == "documents[0].current-context")
        #expect(e.message.contains("'ci@staging'") && e.message.contains("'ci@prod'"))
    }

    @Test("E11: a current-context naming a context names the cluster")
    func currentContext() throws {
        let (model, _) = try importing(kubeconfig.replacingOccurrences(of: "CURRENT", with: "ci@prod"))
        #expect(model.identities.contains { $0.id.hasPrefix("k8s:prod:") })
        #expect(!model.identities.contains { $0.id.hasPrefix("k8s:cluster:") })
    }

    @Test("E11: a Role whose metadata.name is empty is noted and ignored, never an id ending in ':'")
    func emptyName() throws {
        let (model, notes) = try importing(Y.file(Y.role("ci", "", [#"{apiGroups: [""], resources: [pods], verbs: [get]}"#])))
        #expect(!model.roles.contains { $0.id.hasSuffix(":") })
        #expect(notes.contains { $0.message.contains("without metadata.name") })
    }

    @Test("F2: a manifest whose apiVersion follows 70 comment lines is recognised")
    func commentsFirst() {
        let text = String(repeating: "# comment\n", count: 70) + Y.secret("a", "s1")
        #expect(KubernetesFormat.recognises(path: "k.yaml", text: text))
    }

    @Test("F2: a native model is still not taken for Kubernetes")
    func nativeNotRecognised() {
        #expect(!KubernetesFormat.recognises(path: "m.yaml", text: "# a model\nversion: 1\nidentities: [{id: a}]\n"))
    }
}
