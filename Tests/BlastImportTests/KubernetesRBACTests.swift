import BlastCore
@testable import BlastImport
import BlastTestSupport
import Testing

private typealias Y = KubernetesYAML
private typealias C = KubernetesCluster

/// Section 2 of the importer's contract: how roles, bindings and subjects become the model.
@Suite("Kubernetes RBAC semantics")
struct KubernetesRBACTests {
    @Test("exports, manifests and JSON are recognised by content; native models are not")
    func recognition() {
        #expect(KubernetesFormat.recognises(path: "a.yaml", text: "apiVersion: v1\nkind: List\nitems: []\n"))
        #expect(KubernetesFormat.recognises(path: "a.yaml", text: "# rbac\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n"))
        #expect(KubernetesFormat.recognises(path: "a.json", text: "{\n    \"apiVersion\": \"v1\",\n    \"items\": []\n}"))
        #expect(KubernetesFormat.recognises(path: "a.yaml", text: "- apiVersion: v1\n  kind: Pod\n"))
        #expect(!KubernetesFormat.recognises(path: "m.yaml", text: "version: 1\nidentities: [{id: alice}]\n"))
        #expect(ModelSources.format(of: SourceFile(path: "a.yaml", text: "apiVersion: v1\nkind: List\n")) == "k8s")
    }

    @Test("kubectl's JSON List reads the same as YAML")
    func json() throws {
        let c = try C(
            """
            {
                "apiVersion": "v1",
                "items": [
                    {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s1", "namespace": "a"}, "type": "Opaque"},
                    {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                     "metadata": {"name": "r", "namespace": "a"},
                     "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}]},
                    {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                     "metadata": {"name": "b", "namespace": "a"},
                     "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"},
                     "subjects": [{"kind": "ServiceAccount", "name": "app", "namespace": "a"}]}
                ],
                "kind": "List",
                "metadata": {"resourceVersion": ""}
            }
            """, file: "export.json")
        #expect(try c.can(C.sa("a", "app"), "core:secrets:get", on: C.resource("a", "secrets", "s1")))
    }

    @Test("a Role applies in its own namespace only")
    func roleIsNamespaced() throws {
        let c = try C(
            Y.file(
                Y.serviceAccount("a", "app"),
                Y.role("a", "reader", ["{apiGroups: [\"\"], resources: [secrets], verbs: [get]}"]),
                Y.binding("a", "app-reads", roleKind: "Role", role: "reader", [Y.saSubject("a", "app")]),
                Y.secret("a", "s1"), Y.secret("b", "s2")))
        #expect(try c.can(C.sa("a", "app"), "core:secrets:get", on: C.resource("a", "secrets", "s1")))
        #expect(try !c.can(C.sa("a", "app"), "core:secrets:get", on: C.resource("b", "secrets", "s2")))
    }

    @Test("a RoleBinding cannot use a Role of another namespace: the binding dangles")
    func roleOfAnotherNamespace() throws {
        let c = try C(
            Y.file(
                Y.role("a", "reader", ["{apiGroups: [\"\"], resources: [secrets], verbs: [get]}"]),
                Y.binding("b", "reads", roleKind: "Role", role: "reader", [Y.saSubject("b", "app")]),
                Y.secret("a", "s1"), Y.secret("b", "s2")))
        #expect(try !c.can(C.sa("b", "app"), "core:secrets:get", on: C.resource("b", "secrets", "s2")))
        #expect(try !c.can(C.sa("b", "app"), "core:secrets:get", on: C.resource("a", "secrets", "s1")))
        #expect(c.notes.contains { $0.message.contains("dangling binding") && $0.message.contains("Role 'reader' in namespace 'b'") })
    }

    @Test("a RoleBinding of a ClusterRole applies only inside the binding's namespace")
    func roleBindingOfClusterRoleIsScoped() throws {
        let c = try C(
            Y.file(
                Y.role(nil, "reader", ["{apiGroups: [\"\"], resources: [secrets, nodes], verbs: [get]}"]),
                Y.binding("a", "reads", role: "reader", [Y.saSubject("a", "app")]),
                Y.secret("a", "s1"), Y.secret("b", "s2"), Y.node("n1")))
        #expect(try c.can(C.sa("a", "app"), "core:secrets:get", on: C.resource("a", "secrets", "s1")))
        #expect(try !c.can(C.sa("a", "app"), "core:secrets:get", on: C.resource("b", "secrets", "s2")))
        #expect(try !c.can(C.sa("a", "app"), "core:nodes:get", on: "k8s/cluster/nodes/n1"))
        #expect(c.model.grants.first { $0.to == C.sa("a", "app") }?.scope == "k8s/cluster/ns/a")
    }

    @Test("a ClusterRoleBinding applies in every namespace and to cluster-scoped resources")
    func clusterRoleBindingIsClusterWide() throws {
        let c = try C(
            Y.file(
                Y.role(nil, "reader", ["{apiGroups: [\"\"], resources: [secrets, nodes], verbs: [get]}"]),
                Y.binding(nil, "reads", role: "reader", [Y.saSubject("a", "app")]),
                Y.secret("a", "s1"), Y.secret("b", "s2"), Y.node("n1")))
        #expect(try c.can(C.sa("a", "app"), "core:secrets:get", on: C.resource("b", "secrets", "s2")))
        #expect(try c.can(C.sa("a", "app"), "core:nodes:get", on: "k8s/cluster/nodes/n1"))
    }

    @Test("resourceNames limit a rule to the named objects")
    func resourceNames() throws {
        let c = try C(
            Y.file(
                Y.role("a", "one", ["{apiGroups: [\"\"], resources: [secrets], resourceNames: [db], verbs: [get]}"]),
                Y.binding("a", "b", roleKind: "Role", role: "one", [Y.saSubject("a", "app")]),
                Y.secret("a", "db"), Y.secret("a", "other")))
        #expect(try c.can(C.sa("a", "app"), "core:secrets:get", on: C.resource("a", "secrets", "db")))
        #expect(try !c.can(C.sa("a", "app"), "core:secrets:get", on: C.resource("a", "secrets", "other")))
        #expect(try !c.can(C.sa("a", "app"), "core:secrets:get", on: C.resource("a", "secrets")))
    }

    @Test("verbs are exact: get does not give list, a subset gives only the subset")
    func verbs() throws {
        let c = try C(
            Y.file(
                Y.role("a", "r", ["{apiGroups: [\"\"], resources: [pods], verbs: [get, watch]}"]),
                Y.binding("a", "b", roleKind: "Role", role: "r", [Y.saSubject("a", "app")]),
                Y.pod("a", "web", serviceAccount: "app")))
        let pod = C.resource("a", "pods", "web")
        #expect(try c.can(C.sa("a", "app"), "core:pods:get", on: pod))
        #expect(try c.can(C.sa("a", "app"), "core:pods:watch", on: pod))
        #expect(try !c.can(C.sa("a", "app"), "core:pods:list", on: pod))
        #expect(try !c.can(C.sa("a", "app"), "core:pods:delete", on: pod))
    }

    @Test("a subresource is separate from its resource in both directions")
    func subresources() throws {
        let c = try C(
            Y.file(
                Y.role("a", "viewer", ["{apiGroups: [\"\"], resources: [pods], verbs: [\"*\"]}"]),
                Y.role("a", "execer", ["{apiGroups: [\"\"], resources: [pods/exec], verbs: [create]}"]),
                Y.binding("a", "v", roleKind: "Role", role: "viewer", [Y.saSubject("a", "viewer")]),
                // The exec holder lives in another namespace, so the viewer's new pods cannot mount it.
                Y.binding("a", "e", roleKind: "Role", role: "execer", [Y.saSubject("b", "execer")]),
                Y.pod("a", "web", serviceAccount: "app")))
        let pod = C.resource("a", "pods", "web")
        #expect(try !c.can(C.sa("a", "viewer"), "core:pods/exec:create", on: pod))
        #expect(try c.can(C.sa("b", "execer"), "core:pods/exec:create", on: pod))
        #expect(try !c.can(C.sa("b", "execer"), "core:pods:get", on: pod))
    }

    @Test("wildcards: * resources and groups cover the namespace, */scale any scale subresource")
    func wildcards() throws {
        let c = try C(
            Y.file(
                Y.role("a", "all", ["{apiGroups: [\"*\"], resources: [\"*\"], verbs: [\"*\"]}"]),
                Y.role("a", "scaler", ["{apiGroups: [\"*\"], resources: [\"*/scale\"], verbs: [update]}"]),
                Y.binding("a", "all", roleKind: "Role", role: "all", [Y.saSubject("a", "admin")]),
                Y.binding("a", "scale", roleKind: "Role", role: "scaler", [Y.saSubject("a", "hpa")]),
                Y.secret("a", "s1"), Y.secret("b", "s2"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}"))
        #expect(try c.can(C.sa("a", "admin"), "core:secrets:delete", on: C.resource("a", "secrets", "s1")))
        #expect(try c.can(C.sa("a", "admin"), "core:pods/exec:create", on: C.resource("a", "pods")))
        #expect(try !c.can(C.sa("a", "admin"), "core:secrets:get", on: C.resource("b", "secrets", "s2")))
        #expect(try c.can(C.sa("a", "hpa"), "apps:deployments/scale:update", on: C.resource("a", "deployments", "web")))
        #expect(try !c.can(C.sa("a", "hpa"), "apps:deployments:update", on: C.resource("a", "deployments", "web")))
    }

    @Test("apiGroups are honoured: apps/* reaches deployments, not secrets")
    func apiGroups() throws {
        // Read verbs only: creating or patching deployments would run a pod that mounts the secrets.
        let c = try C(
            Y.file(
                Y.role("a", "apps-admin", ["{apiGroups: [apps], resources: [\"*\"], verbs: [get, list, watch]}"]),
                Y.binding("a", "b", roleKind: "Role", role: "apps-admin", [Y.saSubject("a", "deployer")]),
                Y.secret("a", "s1"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}"))
        #expect(try c.can(C.sa("a", "deployer"), "apps:deployments:watch", on: C.resource("a", "deployments", "web")))
        #expect(try !c.can(C.sa("a", "deployer"), "core:secrets:get", on: C.resource("a", "secrets", "s1")))
        let radius = c.graph.radius(from: try c.graph.start(from: C.sa("a", "deployer"), mfa: false), options: Fixtures.options())
        #expect(!radius.resources.contains { c.graph.resources[$0.resource.index].id == C.resource("a", "secrets", "s1") })
    }

    @Test("nonResourceURLs: exact paths and trailing-* prefixes, and only for the verbs given")
    func nonResourceURLs() throws {
        let c = try C(
            Y.file(
                Y.role(nil, "scrape", ["{nonResourceURLs: [/metrics, \"/healthz/*\"], verbs: [get]}"]),
                Y.binding(nil, "b", role: "scrape", [Y.saSubject("m", "agent")])))
        #expect(try c.can(C.sa("m", "agent"), "nonresource:get", on: "k8s/cluster/urls/metrics"))
        #expect(try !c.can(C.sa("m", "agent"), "nonresource:post", on: "k8s/cluster/urls/metrics"))
        #expect(
            c.model.roles.first { $0.id == "k8s:cluster:clusterrole:scrape" }?.allow.first?.resources
                == ["k8s/cluster/urls/metrics", "k8s/cluster/urls/healthz"])
    }

    @Test("aggregated ClusterRoles hold the rules of every ClusterRole their selectors match")
    func aggregation() throws {
        let c = try C(
            Y.file(
                """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: monitoring}
                aggregationRule:
                  clusterRoleSelectors:
                    - matchLabels: {aggregate-to-monitoring: "true"}
                    - matchExpressions: [{key: tier, operator: In, values: [observability]}]
                rules: []
                """,
                Y.role(
                    nil, "secrets", ["{apiGroups: [\"\"], resources: [secrets], verbs: [get]}"],
                    labels: "{aggregate-to-monitoring: \"true\"}"),
                Y.role(nil, "nodes", ["{apiGroups: [\"\"], resources: [nodes], verbs: [get]}"], labels: "{tier: observability}"),
                Y.role(
                    nil, "pods", ["{apiGroups: [\"\"], resources: [pods], verbs: [delete]}"], labels: "{aggregate-to-monitoring: \"false\"}"
                ),
                Y.binding(nil, "b", role: "monitoring", [Y.saSubject("m", "agent")]),
                Y.secret("a", "s1"), Y.node("n1"), Y.pod("a", "web", serviceAccount: "app")))
        #expect(try c.can(C.sa("m", "agent"), "core:secrets:get", on: C.resource("a", "secrets", "s1")))
        #expect(try c.can(C.sa("m", "agent"), "core:nodes:get", on: "k8s/cluster/nodes/n1"))
        #expect(try !c.can(C.sa("m", "agent"), "core:pods:delete", on: C.resource("a", "pods", "web")))
    }

    @Test("subjects: users, groups, service accounts, and a User named system:serviceaccount:… is that account")
    func subjects() throws {
        let c = try C(
            Y.file(
                Y.role(nil, "r", ["{apiGroups: [\"\"], resources: [configmaps], verbs: [get]}"]),
                Y.binding(
                    "a", "b", role: "r",
                    [
                        "{kind: User, name: alice@example.com}", "{kind: Group, name: devs}",
                        "{kind: User, name: \"system:serviceaccount:a:robot\"}", "{kind: ServiceAccount, name: local}",
                    ]),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: a}"))
        let cm = C.resource("a", "configmaps", "cfg")
        #expect(try c.can(C.user("alice@example.com"), "core:configmaps:get", on: cm))
        #expect(try c.can("k8s:cluster:member-of:devs", "core:configmaps:get", on: cm))
        #expect(try c.can(C.sa("a", "robot"), "core:configmaps:get", on: cm))
        // A ServiceAccount subject without a namespace is the binding's namespace's account.
        #expect(try c.can(C.sa("a", "local"), "core:configmaps:get", on: cm))
        #expect(c.model.identities.first { $0.id == C.sa("a", "robot") }?.kind == .service)
    }

    @Test("system:serviceaccounts:<ns>, system:serviceaccounts and system:authenticated have the right members")
    func builtinGroups() throws {
        let c = try C(
            Y.file(
                Y.role(nil, "r", ["{apiGroups: [\"\"], resources: [configmaps], verbs: [get]}"]),
                Y.role(nil, "w", ["{apiGroups: [\"\"], resources: [configmaps], verbs: [update]}"]),
                Y.role(nil, "d", ["{apiGroups: [\"\"], resources: [configmaps], verbs: [delete]}"]),
                Y.binding(nil, "ns-a", role: "r", ["{kind: Group, name: \"system:serviceaccounts:a\"}"]),
                Y.binding(nil, "all-sa", role: "w", ["{kind: Group, name: \"system:serviceaccounts\"}"]),
                Y.binding(nil, "everyone", role: "d", ["{kind: Group, name: \"system:authenticated\"}"]),
                Y.binding(nil, "someone", role: "d", ["{kind: User, name: bob}"]),
                Y.serviceAccount("a", "x"), Y.serviceAccount("b", "y"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: a}"))
        let cm = C.resource("a", "configmaps", "cfg")
        #expect(try c.can(C.sa("a", "x"), "core:configmaps:get", on: cm))
        #expect(try !c.can(C.sa("b", "y"), "core:configmaps:get", on: cm))
        #expect(try c.can(C.sa("b", "y"), "core:configmaps:update", on: cm))
        #expect(try !c.can(C.user("bob"), "core:configmaps:update", on: cm))
        #expect(try c.can(C.sa("b", "y"), "core:configmaps:delete", on: cm))
    }

    @Test("resource ids read naturally and carry criticality: secrets high, kube-system critical")
    func resourceIDs() throws {
        let c = try C(
            Y.file(
                Y.secret("a", "s1"), Y.pod("a", "web", serviceAccount: "app"),
                Y.pod("kube-system", "dns", serviceAccount: "coredns"), Y.node("n1")))
        func criticality(_ id: String) -> Criticality? { c.model.resources.first { $0.id == id }?.criticality }
        #expect(criticality("k8s/cluster/ns/a/secrets/s1") == .high)
        #expect(criticality("k8s/cluster/ns/a/pods/web") == .medium)
        #expect(criticality("k8s/cluster/ns/kube-system/pods/dns") == .critical)
        #expect(criticality("k8s/cluster/nodes/n1") == .critical)
    }

    @Test("a kubeconfig's current context names the cluster in every id")
    func clusterName() throws {
        let kubeconfig = """
            apiVersion: v1
            kind: Config
            current-context: admin@prod
            contexts: [{name: admin@prod, context: {cluster: prod-eu, user: admin}}]
            users: []
            """
        let c = try C(Y.file(kubeconfig, Y.secret("a", "s1")))
        #expect(c.model.resources.contains { $0.id == "k8s/prod-eu/ns/a/secrets/s1" })
    }
}
