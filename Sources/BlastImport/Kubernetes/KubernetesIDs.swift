/// How one cluster's objects, subjects and synthetic elements are named in the model.
///
/// Resources are paths (`k8s/prod/ns/ci/secrets/deploy-key`, `k8s/prod/nodes/node-1`) so that a
/// namespace, a type and a cluster are subtrees; identities, groups, roles and credentials are
/// colon-separated names that cannot clash with resources (`k8s:prod:sa:ci:builder`).
struct KubernetesIDs {
    let cluster: String

    // MARK: Resources

    /// `k8s/<cluster>`: everything in the cluster.
    var clusterRoot: String { "k8s/\(cluster)" }
    /// `k8s/<cluster>/ns/<namespace>`: everything in one namespace.
    func namespaceRoot(_ namespace: String) -> String { "\(clusterRoot)/ns/\(namespace)" }
    /// A namespaced type (`k8s/c/ns/ci/pods`) or object (`k8s/c/ns/ci/pods/web`).
    func namespaced(_ namespace: String, _ type: String, _ name: String? = nil) -> String {
        "\(namespaceRoot(namespace))/\(type)" + (name.map { "/\($0)" } ?? "")
    }
    /// The Namespace object `namespace` as requests on it are authorized, inside the namespace
    /// (`k8s/c/ns/web/namespaces/web`): what a Role or RoleBinding in it may reach.
    func namespaceObject(_ namespace: String) -> String { namespaced(namespace, "namespaces", namespace) }
    /// A cluster-scoped type (`k8s/c/nodes`) or object (`k8s/c/nodes/node-1`).
    func clusterScoped(_ type: String, _ name: String? = nil) -> String {
        "\(clusterRoot)/\(type)" + (name.map { "/\($0)" } ?? "")
    }
    /// Non-resource URLs: `/metrics` is `k8s/c/urls/metrics`; `/api/*` covers `k8s/c/urls/api`.
    func url(_ path: String) -> String {
        var p = Substring(path)
        if p == "*" { return "\(clusterRoot)/urls" }
        if p.hasSuffix("/*") {
            p = p.dropLast(2)
        } else if p.hasSuffix("*") {
            return "\(clusterRoot)/urls\(p.hasPrefix("/") ? "" : "/")\(p)"
        }
        while p.hasPrefix("/") { p = p.dropFirst() }
        return p.isEmpty ? "\(clusterRoot)/urls" : "\(clusterRoot)/urls/\(p)"
    }

    // MARK: Identities and groups

    func user(_ name: String) -> String { "k8s:\(cluster):user:\(name)" }
    func serviceAccount(_ namespace: String, _ name: String) -> String { "k8s:\(cluster):sa:\(namespace):\(name)" }
    func group(_ name: String) -> String { "k8s:\(cluster):group:\(name)" }
    func node(_ name: String) -> String { "k8s:\(cluster):node:\(name)" }
    /// A member of a group that binds roles, standing for any user the identity provider puts in it.
    func groupMember(_ group: String) -> String { "k8s:\(cluster):member-of:\(group)" }
    /// Synthetic: whoever holds every permission in the cluster (a `system:masters` member).
    var clusterAdmin: String { "k8s:\(cluster):cluster-admin" }
    /// Synthetic: whoever holds every permission in one namespace.
    func namespaceAdmin(_ namespace: String) -> String { "k8s:\(cluster):namespace-admin:\(namespace)" }
    /// Synthetic: a pod the attacker creates in a namespace (mounts its secrets and service accounts).
    func newPod(_ namespace: String) -> String { "k8s:\(cluster):new-pod:\(namespace)" }
    /// Synthetic: root on a node of the attacker's choosing (a privileged or host pod).
    var anyNode: String { "k8s:\(cluster):any-node" }
    /// Synthetic: whoever a binding of one role makes its holder, within a namespace
    /// (`k8s:c:holder:web:clusterrole:edit`, `k8s:c:holder:web:role:deployer`) or cluster-wide
    /// (`k8s:c:holder:clusterrole:edit`).
    func holder(namespace: String?, roleKind: KubernetesCatalog.RoleKind, role: String) -> String {
        "k8s:\(cluster):holder:" + (namespace.map { "\($0):" } ?? "") + "\(roleKind == .role ? "role" : "clusterrole"):\(role)"
    }

    // MARK: Roles and credentials

    func clusterRole(_ name: String) -> String { "k8s:\(cluster):clusterrole:\(name)" }
    func role(_ namespace: String, _ name: String) -> String { "k8s:\(cluster):role:\(namespace):\(name)" }
    /// Synthetic: every action on every resource of the cluster (scoped to a namespace by a grant).
    var superuserRole: String { "k8s:\(cluster):role:any-action" }
    /// Synthetic: every action on every resource (not non-resource URLs); a grant scopes it to a namespace.
    var resourceSuperuserRole: String { "k8s:\(cluster):role:any-resource-action" }
    /// Synthetic: what a pod spec can mount from its own namespace (secrets, config maps).
    var podVolumesRole: String { "k8s:\(cluster):role:pod-volumes" }
    func token(_ namespace: String, _ secret: String) -> String { "k8s:\(cluster):token:\(namespace):\(secret)" }
    func secretCredential(_ namespace: String, _ secret: String) -> String { "k8s:\(cluster):secret:\(namespace):\(secret)" }
    /// The projected token a service account's pods mount (exec or attach reveals it).
    func mountedToken(_ namespace: String, _ serviceAccount: String) -> String {
        "k8s:\(cluster):mounted-token:\(namespace):\(serviceAccount)"
    }
    func kubeconfigCredential(_ user: String) -> String { "k8s:\(cluster):kubeconfig:\(user)" }

    /// The well-known groups Kubernetes adds to every authenticated request.
    static let authenticated = "system:authenticated"
    static let serviceAccounts = "system:serviceaccounts"
    static let masters = "system:masters"
    static let nodes = "system:nodes"
    static func serviceAccounts(in namespace: String) -> String { "system:serviceaccounts:\(namespace)" }
}
