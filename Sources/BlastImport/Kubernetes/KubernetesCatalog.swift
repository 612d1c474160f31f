import BlastCore

/// What `blast` knows about Kubernetes' built-in API resources: their API group, whether they
/// live in a namespace, and how much they matter. Used to expand `resources: ["*"]` under a named
/// API group, to turn object kinds into resource type names, and to rank resources.
enum KubernetesCatalog {
    /// One built-in resource type (the plural name RBAC rules use).
    struct ResourceType {
        let name: String
        /// The API group; "" is the core group.
        let group: String
        let namespaced: Bool
        let criticality: Criticality
    }

    static let types: [ResourceType] = [
        // core
        .init(name: "pods", group: "", namespaced: true, criticality: .medium),
        .init(name: "secrets", group: "", namespaced: true, criticality: .high),
        .init(name: "configmaps", group: "", namespaced: true, criticality: .low),
        .init(name: "serviceaccounts", group: "", namespaced: true, criticality: .medium),
        .init(name: "services", group: "", namespaced: true, criticality: .low),
        .init(name: "endpoints", group: "", namespaced: true, criticality: .low),
        .init(name: "persistentvolumeclaims", group: "", namespaced: true, criticality: .low),
        .init(name: "replicationcontrollers", group: "", namespaced: true, criticality: .medium),
        .init(name: "events", group: "", namespaced: true, criticality: .low),
        .init(name: "limitranges", group: "", namespaced: true, criticality: .low),
        .init(name: "resourcequotas", group: "", namespaced: true, criticality: .low),
        .init(name: "podtemplates", group: "", namespaced: true, criticality: .low),
        .init(name: "nodes", group: "", namespaced: false, criticality: .critical),
        .init(name: "namespaces", group: "", namespaced: false, criticality: .medium),
        .init(name: "persistentvolumes", group: "", namespaced: false, criticality: .low),
        .init(name: "users", group: "", namespaced: false, criticality: .medium),
        .init(name: "groups", group: "", namespaced: false, criticality: .medium),
        // apps, batch
        .init(name: "deployments", group: "apps", namespaced: true, criticality: .medium),
        .init(name: "daemonsets", group: "apps", namespaced: true, criticality: .medium),
        .init(name: "statefulsets", group: "apps", namespaced: true, criticality: .medium),
        .init(name: "replicasets", group: "apps", namespaced: true, criticality: .medium),
        .init(name: "controllerrevisions", group: "apps", namespaced: true, criticality: .low),
        .init(name: "jobs", group: "batch", namespaced: true, criticality: .medium),
        .init(name: "cronjobs", group: "batch", namespaced: true, criticality: .medium),
        // rbac
        .init(name: "roles", group: rbacGroup, namespaced: true, criticality: .medium),
        .init(name: "rolebindings", group: rbacGroup, namespaced: true, criticality: .medium),
        .init(name: "clusterroles", group: rbacGroup, namespaced: false, criticality: .high),
        .init(name: "clusterrolebindings", group: rbacGroup, namespaced: false, criticality: .high),
        // certificates, authentication
        .init(name: "certificatesigningrequests", group: certificatesGroup, namespaced: false, criticality: .high),
        .init(name: "signers", group: certificatesGroup, namespaced: false, criticality: .high),
        .init(name: "userextras", group: "authentication.k8s.io", namespaced: false, criticality: .medium),
        .init(name: "tokenreviews", group: "authentication.k8s.io", namespaced: false, criticality: .low),
        .init(name: "selfsubjectreviews", group: "authentication.k8s.io", namespaced: false, criticality: .low),
        .init(name: "selfsubjectaccessreviews", group: "authorization.k8s.io", namespaced: false, criticality: .low),
        .init(name: "selfsubjectrulesreviews", group: "authorization.k8s.io", namespaced: false, criticality: .low),
        .init(name: "subjectaccessreviews", group: "authorization.k8s.io", namespaced: false, criticality: .low),
        .init(name: "localsubjectaccessreviews", group: "authorization.k8s.io", namespaced: true, criticality: .low),
        .init(name: "uids", group: "authentication.k8s.io", namespaced: false, criticality: .medium),
        // others commonly named in rules
        .init(name: "ingresses", group: "networking.k8s.io", namespaced: true, criticality: .low),
        .init(name: "networkpolicies", group: "networking.k8s.io", namespaced: true, criticality: .low),
        .init(name: "poddisruptionbudgets", group: "policy", namespaced: true, criticality: .low),
        .init(name: "horizontalpodautoscalers", group: "autoscaling", namespaced: true, criticality: .low),
        .init(name: "leases", group: "coordination.k8s.io", namespaced: true, criticality: .low),
        .init(name: "endpointslices", group: "discovery.k8s.io", namespaced: true, criticality: .low),
        .init(name: "storageclasses", group: "storage.k8s.io", namespaced: false, criticality: .low),
        .init(name: "customresourcedefinitions", group: "apiextensions.k8s.io", namespaced: false, criticality: .high),
        .init(name: "validatingwebhookconfigurations", group: "admissionregistration.k8s.io", namespaced: false, criticality: .high),
        .init(name: "mutatingwebhookconfigurations", group: "admissionregistration.k8s.io", namespaced: false, criticality: .high),
    ]

    /// The two kinds a binding's `roleRef` may name, with the resource type RBAC rules use for them.
    enum RoleKind: String {
        case role = "Role"
        case clusterRole = "ClusterRole"

        /// `roles` or `clusterroles`.
        var resource: String { self == .role ? "roles" : "clusterroles" }
    }

    static let rbacGroup = "rbac.authorization.k8s.io"
    static let certificatesGroup = "certificates.k8s.io"

    /// Types by plural name.
    static let byName: [String: ResourceType] = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// Workload types whose creation runs a pod of the author's choosing in the namespace.
    static let podCreatingTypes: [(group: String, name: String)] = [
        ("", "pods"), ("", "replicationcontrollers"), ("apps", "deployments"), ("apps", "daemonsets"),
        ("apps", "statefulsets"), ("apps", "replicasets"), ("batch", "jobs"), ("batch", "cronjobs"),
    ]

    /// Controllers whose pod template `update` or `patch` may rewrite: the controller then runs
    /// pods of the new template. Not Jobs: a Job's pod template is immutable.
    static let rewritableTypes: [(group: String, name: String)] = podCreatingTypes.filter { $0.name != "pods" && $0.name != "jobs" }

    /// Namespaced types declared as collections in every namespace (the resources escalation
    /// techniques require, such as `create` on a namespace's pods).
    static let namespaceCollections = [
        "pods", "secrets", "replicationcontrollers", "deployments", "daemonsets",
        "statefulsets", "replicasets", "jobs", "cronjobs", "roles", "rolebindings",
    ]

    /// The object kinds the importer models, with their resource type name.
    static let kindTypes: [String: String] = [
        "Pod": "pods", "Secret": "secrets", "ConfigMap": "configmaps", "ServiceAccount": "serviceaccounts",
        "Service": "services", "Namespace": "namespaces", "Node": "nodes",
        "Deployment": "deployments", "DaemonSet": "daemonsets", "StatefulSet": "statefulsets",
        "ReplicaSet": "replicasets", "ReplicationController": "replicationcontrollers", "Job": "jobs",
        "CronJob": "cronjobs", "Role": "roles", "RoleBinding": "rolebindings", "ClusterRole": "clusterroles",
        "ClusterRoleBinding": "clusterrolebindings", "CertificateSigningRequest": "certificatesigningrequests",
    ]

    /// The action text for one verb on one resource (with its subresource) of one API group:
    /// `core:secrets:get`, `core:pods/exec:create`, `apps:deployments:create`, `*:*:*`.
    static func action(group: String, resource: String, verb: String) -> String {
        "\(group.isEmpty ? "core" : group):\(resource):\(verb)"
    }

    /// The action text for a verb on non-resource URLs: `nonresource:get`.
    static func nonResourceAction(verb: String) -> String { "nonresource:\(verb)" }

    /// Concrete actions that reveal a credential copy: a secret's content (a `list` or `watch`
    /// returns it whole), and the token mounted in a pod (exec or attach; `get` on `pods/exec` is a
    /// websocket exec on clusters before 1.35; an ephemeral container added with `update` or
    /// `patch` on `pods/ephemeralcontainers` may mount the pod's token volume; `update` or `patch`
    /// on the pod may change its containers' `image`, which then runs with the pod's token).
    static let revealActions =
        ["get", "list", "watch"].map { action(group: "", resource: "secrets", verb: $0) }
        + [
            action(group: "", resource: "pods/exec", verb: "create"), action(group: "", resource: "pods/attach", verb: "create"),
            action(group: "", resource: "pods/exec", verb: "get"),
        ]
        + ["pods/ephemeralcontainers", "pods"].flatMap { r in ["update", "patch"].map { action(group: "", resource: r, verb: $0) } }

    /// Concrete actions that make the holder act as an identity (its resource is the user or the
    /// service account object).
    static let takeoverActions = [
        action(group: "", resource: "users", verb: "impersonate"),
        action(group: "", resource: "serviceaccounts", verb: "impersonate"),
    ]

    /// The client-certificate signer whose certificates may name any user and group.
    static let apiServerClientSigner = "kubernetes.io/kube-apiserver-client"
}
