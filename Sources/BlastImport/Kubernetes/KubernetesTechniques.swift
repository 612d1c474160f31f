/// The Kubernetes privilege-escalation techniques: the one table of their ids (stable: they show
/// in answers as `escalate[k8s.pod-create: …]`). docs/kubernetes.md says what each requires and
/// yields.
enum KubernetesTechnique: String, CaseIterable, Sendable {
    /// Create a ClusterRoleBinding of `cluster-admin` (needs `bind` on it): become cluster admin.
    case clusterRoleBindingBindClusterAdmin = "k8s.clusterrolebinding-bind-cluster-admin"
    /// Create or update a ClusterRole with `escalate`, and bind it: become cluster admin.
    case clusterRoleEscalate = "k8s.clusterrole-escalate"
    /// Create and approve a CSR for the API server's client signer: a certificate in `system:masters`.
    case csrApproveClientCertificate = "k8s.csr-approve-client-certificate"
    /// Create a pod (or a controller of pods) in a namespace: run as any of its service accounts.
    case podCreate = "k8s.pod-create"
    /// Create a pod with host access where Pod Security allows it: root on a node.
    case podCreateHostAccess = "k8s.pod-create-host-access"
    /// Rewrite a controller's pod template: the controller runs the new pod.
    case workloadTemplateRewrite = "k8s.workload-template-rewrite"
    /// Create a RoleBinding of `cluster-admin` in a namespace: become its namespace admin.
    case roleBindingBindClusterAdmin = "k8s.rolebinding-bind-cluster-admin"
    /// Create or update a Role with `escalate`, and bind it: become the namespace admin.
    case roleEscalate = "k8s.role-escalate"
    /// Request a token for a service account (`serviceaccounts/token`).
    case serviceAccountTokenCreate = "k8s.serviceaccount-token-create"
    /// Create a service-account-token secret naming the account, then read it.
    case tokenSecretCreate = "k8s.token-secret-create"
    /// Add oneself to an existing binding of `cluster-admin` (needs `bind` on the role).
    case bindingUpdateBindClusterAdmin = "k8s.binding-update-bind-cluster-admin"
    /// The kubelet API through `nodes/proxy` (`create`): the node, and the tokens of its pods.
    case nodesProxy = "k8s.nodes-proxy"
    /// The same through a websocket upgrade, which needs only `get` on `nodes/proxy`.
    case nodesProxyWebsocketGet = "k8s.nodes-proxy-websocket-get"
    /// Relabel a namespace's Pod Security level to privileged, then create a host pod in it: root on a node.
    case namespaceRelabelHostAccess = "k8s.namespace-relabel-host-access"
    /// Create a hostPath PersistentVolume, claim it and mount the claim in a pod: root on a node,
    /// whatever the namespace's Pod Security level.
    case persistentVolumeHostPath = "k8s.persistentvolume-hostpath"
    /// Rewrite a controller's pod template with host access where Pod Security allows it: root on a node.
    case workloadRewriteHostAccess = "k8s.workload-rewrite-host-access"
    /// Create a RoleBinding of a role other than `cluster-admin` (needs `bind` on it): hold it in the namespace.
    case roleBindingBindRole = "k8s.rolebinding-bind-role"
    /// Create a ClusterRoleBinding of a ClusterRole other than `cluster-admin` (needs `bind` on it).
    case clusterRoleBindingBindRole = "k8s.clusterrolebinding-bind-role"
    /// Add oneself to an existing binding of another role (needs `bind` on the role).
    case bindingUpdateBindRole = "k8s.binding-update-bind-role"
    /// Rewrite, with `escalate`, a role one is bound to: everything the binding's scope allows.
    case boundRoleEscalate = "k8s.bound-role-escalate"
    /// Impersonate a user with extra groups: any group's permissions.
    case impersonateGroup = "k8s.impersonate-group"
}
