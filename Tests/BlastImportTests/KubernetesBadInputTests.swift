import BlastCore
@testable import BlastImport
import BlastTestSupport
import Testing

private typealias Y = KubernetesYAML

/// Section 5: bad input is an error or a note naming the file, the document and the key path.
@Suite("Kubernetes bad input")
struct KubernetesBadInputTests {
    private func importing(_ text: String) throws(ImportError) -> (Model, [ImportNote]) {
        var context = ImportContext()
        let model = try KubernetesFormat.importModel(files: [SourceFile(path: "bad.yaml", text: text)], context: &context)
        return (model, context.notes)
    }

    @Test("malformed YAML is a syntax error with the file, line and column")
    func malformed() {
        let text = "apiVersion: v1\nkind: List\nitems:\n  - kind: Pod\n    metadata: {name: [unclosed\n"
        #expect {
            try importing(text)
        } throws: { error in
            guard let e = error as? ImportError else { return false }
            return e.code == .syntax && e.file == "bad.yaml" && e.line != nil && e.column != nil
        }
    }

    @Test("a malformed second document names it")
    func malformedLaterDocument() {
        let text = Y.file(Y.secret("a", "s1"), "apiVersion: v1\nkind: Secret\nmetadata: {name: x\n")
        #expect(throws: ImportError.self) { try importing(text) }
    }

    @Test("a value of the wrong shape names the document, the object and the key path")
    func wrongShape() {
        let text = Y.file(
            Y.secret("a", "s1"),
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: broken, namespace: a}
            rules:
              - apiGroups: [""]
                resources: {pods: yes}
                verbs: [get]
            """)
        #expect {
            try importing(text)
        } throws: { error in
            guard let e = error as? ImportError else { return false }
            return e.code == .wrongType && e.keyPath == "documents[1](a/broken).rules[0].resources" && e.line == 13
        }
    }

    @Test("an object without kind is a missing-key error")
    func missingKind() {
        #expect {
            try importing("apiVersion: v1\nmetadata: {name: x}\n")
        } throws: { error in
            (error as? ImportError)?.code == .missingKey && (error as? ImportError)?.keyPath == "documents[0]"
        }
    }

    @Test("objects of unknown kinds are ignored with one counted note per kind, at the first one")
    func unknownKinds() throws {
        let text = """
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: Secret, metadata: {name: s1, namespace: a}}
              - {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p1, namespace: a}}
              - {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p2, namespace: a}}
              - {apiVersion: cert-manager.io/v1, kind: Certificate, metadata: {name: c1, namespace: a}}
            """
        let (model, notes) = try importing(text)
        let policy = try #require(notes.first { $0.message.contains("'NetworkPolicy'") })
        #expect(policy.message.contains("ignored 2 objects"))
        #expect(policy.keyPath == "documents[0].items[1](a/p1)")
        #expect(policy.file == "bad.yaml:5")
        #expect(notes.contains { $0.message.contains("ignored 1 object of kind 'Certificate'") })
        #expect(model.resources.contains { $0.id == "k8s/cluster/ns/a/secrets/s1" })
    }

    @Test("a binding to a missing role is reported and kept visible as a grant of an empty role")
    func danglingBinding() throws {
        let text = Y.file(Y.binding("a", "auditors", role: "auditor", ["{kind: Group, name: auditors}"]))
        let (model, notes) = try importing(text)
        let note = try #require(notes.first { $0.message.contains("dangling binding") })
        #expect(note.keyPath == "documents[0](a/auditors).roleRef")
        #expect(note.message.contains("ClusterRole 'auditor'"))
        #expect(model.roles.first { $0.id == "k8s:cluster:clusterrole:auditor" }?.allow == [])
        #expect(model.grants.contains { $0.role == "k8s:cluster:clusterrole:auditor" && $0.to == "k8s:cluster:group:auditors" })
        try model.validate()
    }

    @Test("a binding to cluster-admin missing from the export uses the Kubernetes default")
    func defaultClusterAdmin() throws {
        let text = Y.file(Y.binding(nil, "root", role: "cluster-admin", ["{kind: User, name: root}"]), Y.secret("a", "s1"))
        let c = try KubernetesCluster(text)
        #expect(try c.can("k8s:cluster:user:root", "core:secrets:get", on: "k8s/cluster/ns/a/secrets/s1"))
        #expect(c.notes.contains { $0.message.contains("using its Kubernetes default") })
    }

    @Test("a bad label selector operator is an error at the operator")
    func badSelector() {
        let text = Y.file(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: agg}
            aggregationRule:
              clusterRoleSelectors: [{matchExpressions: [{key: a, operator: Near}]}]
            """, Y.role(nil, "x", ["{apiGroups: [\"\"], resources: [pods], verbs: [get]}"], labels: "{a: b}"))
        #expect {
            try importing(text)
        } throws: { error in
            (error as? ImportError)?.code == .badValue && (error as? ImportError)?.message.contains("Near") == true
        }
    }
}

/// A kubeconfig token whose `exp` claim is no time blast can read (the trial's C3: `1e300`,
/// `-9223372036854775808`) is refused, naming the file, line, key path, user and value.
@Suite("Kubeconfig token expiry")
struct KubeconfigExpiryTests {
    static func kubeconfig(claims: String) -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: ci@prod
        clusters:
          - name: prod
            cluster: {server: https://example.invalid}
        contexts:
          - name: ci@prod
            context: {cluster: prod, user: ci-builder, namespace: ci}
        users:
          - name: ci-builder
            user:
              token: eyJhbGciOiJub25lIn0.\(claims).x

        """
    }

    @Test(
        "an exp outside the years 0000 to 9999 is a bad value at the token",
        arguments: [
            ("eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6YnVpbGRlciIsImV4cCI6MWUzMDB9", "1e+300"),
            ("eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6YnVpbGRlciIsImV4cCI6LTkyMjMzNzIwMzY4NTQ3NzU4MDh9", "-9223372036854775808"),
        ])
    func unreadableExp(claims: String, shown: String) throws {
        var context = ImportContext()
        let e = try #require(throws: ImportError.self) {
            try KubernetesFormat.importModel(files: [SourceFile(path: "kc.yaml", text: Self.kubeconfig(claims: claims))], context: &context)
        }
        #expect(e.code == .badValue)
        #expect(
            e.description
                == "kc.yaml:13: error: documents[0].users[0].user.token: kubeconfig user 'ci-builder': the token's exp claim \(shown) "
                + "is not a time blast can read (seconds since 1970, in the years 0000 to 9999)")
    }

    @Test("an ordinary exp, fraction cut off, is the credential's expiry")
    func ordinaryExp() throws {
        // {"sub":"system:serviceaccount:ci:builder","exp":1798761600.5}
        let claims = "eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6YnVpbGRlciIsImV4cCI6MTc5ODc2MTYwMC41fQ"
        var context = ImportContext()
        let model = try KubernetesFormat.importModel(
            files: [SourceFile(path: "kc.yaml", text: Self.kubeconfig(claims: claims))], context: &context)
        #expect(model.credentials.map(\.expires) == [Instant(secondsSinceEpoch: 1_798_761_600)])
    }
}
