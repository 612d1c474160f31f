import BlastCore
import Foundation

/// Turns decoded Kubernetes objects into a `Model`: RBAC roles and bindings become roles and
/// grants, subjects become identities and groups, objects become resources, and the known
/// privilege-escalation moves become escalations, assumes, credentials and takeover targets.
///
/// The mapping is documented rule by rule in docs/kubernetes.md.
struct KubernetesMapping {
    let objects: [RawKubernetesObject]
    /// Ids declared by formats imported before this one (AWS role ARNs, for example).
    let declared: Set<String>
    private(set) var notes: [ImportNote] = []

    var ids = KubernetesIDs(cluster: "cluster")
    var out = Model(
        takeoverActions: KubernetesCatalog.takeoverActions,
        revealActions: KubernetesCatalog.revealActions)
    var resourceIndex: [String: Int] = [:]
    var identityIndex: Set<String> = []
    /// Group id → members, in first-seen order.
    var groupMembers: [String: [String]] = [:]
    var groupOrder: [String] = []
    var groupOrigin: [String: SourceLocation] = [:]
    /// (group, member) pairs already added, so that adding is O(1).
    var memberships: Set<[String]> = []
    var roleIndex: Set<String> = []
    var namespaces: Set<String> = []
    /// Namespace → service account names, in first-seen order.
    var serviceAccounts: [String: [String]] = [:]
    var serviceAccountOrigin: [String: SourceLocation] = [:]
    var nodes: [String] = []
    var nodeOrigin: [String: SourceLocation] = [:]
    /// Pods on each node: (pod's service account identity).
    var podsOnNode: [String: [String]] = [:]
    /// Service account identity → the pods mounting its token (its namespace, name, first pod).
    var mountedTokens: [String: (namespace: String, name: String, origin: SourceLocation, pods: [String])] = [:]
    var mountedOrder: [String] = []
    /// Every binding with a role: its namespace (nil for a ClusterRoleBinding), role and subjects.
    var bindings: [BindingInfo] = []
    /// ClusterRoles that rules let one `bind` by name, in first-seen order.
    var bindableClusterRoles: Set<String> = []
    var bindableClusterRoleOrder: [String] = []
    /// User names that rules let one `impersonate` by name, in first-seen order.
    var impersonableUsers: Set<String> = []
    var impersonableUserOrder: [String] = []
    /// Rules that let one impersonate service accounts: the Role's namespace (nil for a
    /// ClusterRole), the role's name, and the account names (none: every account there).
    var impersonableServiceAccounts: [(namespace: String?, role: String, names: [String])] = []
    /// Controllers whose pod template may be rewritten (not Jobs: their template is immutable).
    var workloads: [(namespace: String, group: String, type: String, name: String, origin: SourceLocation)] = []
    /// The synthetic holders of one role within one namespace (or cluster-wide), by id.
    var holders: Set<String> = []
    /// Built-in types rules name, with the Role's namespace (nil for a ClusterRole): their
    /// collections are declared so such rules reach a listed resource.
    var namedTypes: [(type: KubernetesCatalog.ResourceType, namespace: String?)] = []

    init(objects: [RawKubernetesObject], declared: Set<String>) {
        self.objects = objects
        self.declared = declared
    }

    /// The model of all objects.
    /// - Complexity: O(n + r · g · v + a · c) for n objects, r rule entries over g API groups and
    ///   v verbs, and a aggregated among c ClusterRoles. It emits four escalations per service
    ///   account, two per node, up to six per named workload, two per binding and two per subject of
    ///   each, up to about seventy per namespace (plus one per bindable role), and per bound group
    ///   one for every user or service-account collection a rule lets one impersonate; the engine
    ///   checks each against every session a radius reaches whose statements allow its first
    ///   requirement.
    mutating func model() throws(ImportError) -> Model {
        ids = KubernetesIDs(cluster: try clusterName())
        noteUnknownKinds()
        declareObjects()
        let roles = try mapRoles()
        try mapBindings(roles)
        try mapServiceAccountsAndPods()
        mapMountedTokens()
        try mapSecrets()
        try mapKubeconfigs()
        addEscalations()
        finishGroups()
        return out
    }

    // MARK: Cluster name and unknown kinds

    /// The cluster of the current context of a kubeconfig among the files, else "cluster".
    /// A `current-context` that names no context of its kubeconfig is an error: falling back would
    /// silently rename every id of the cluster (`k8s:prod:…` → `k8s:cluster:…`).
    func clusterName() throws(ImportError) -> String {
        for o in objects {
            guard case .kubeconfig(let k) = o.body, let current = k.currentContext, !current.text.isEmpty else { continue }
            guard let cluster = k.contexts[current.text] else {
                let known = k.contexts.keys.sorted().map { quoted($0) }.joined(separator: ", ")
                throw ImportError(
                    .badValue,
                    "current-context \(quoted(current.text)) names no context of this kubeconfig; \(known.isEmpty ? "it has no contexts" : "its contexts: \(known)")",
                    at: current.at)
            }
            return cluster.text
        }
        return "cluster"
    }

    mutating func noteUnknownKinds() {
        struct Key: Hashable { let file: String, kind: String }
        var seen: [Key: (first: SourceLocation, count: Int)] = [:]
        var order: [Key] = []
        for o in objects {
            guard case .unknown = o.body else { continue }
            let key = Key(file: o.at.file, kind: o.kind.text)
            if let s = seen[key] { seen[key] = (s.first, s.count + 1) } else { seen[key] = (o.at, 1); order.append(key) }
        }
        for key in order {
            let (first, count) = seen[key]!
            let kind = key.kind
            let more = count > 1 ? " (first of \(count))" : ""
            note(first, "ignored \(count) object\(count == 1 ? "" : "s") of kind '\(kind)'\(more): blast does not model this kind")
        }
    }

    // MARK: Resources

    mutating func resource(_ id: String, _ criticality: Criticality, _ origin: SourceLocation?) {
        if let k = resourceIndex[id] {
            if out.resources[k].criticality < criticality { out.resources[k].criticality = criticality }
            if out.resources[k].origin == nil { out.resources[k].origin = origin }
            return
        }
        resourceIndex[id] = out.resources.count
        out.resources.append(Resource(id: id, criticality: criticality, origin: origin))
    }

    func criticality(type: String, namespace: String?) -> Criticality {
        if namespace == "kube-system" { return .critical }
        return KubernetesCatalog.byName[type]?.criticality ?? .low
    }

    func namespace(of o: RawKubernetesObject) -> String {
        o.metadata.namespace?.text ?? "default"
    }

    /// Declares every object of a known kind, and the collections escalation techniques need.
    mutating func declareObjects() {
        for o in objects {
            let type: String
            switch o.body {
            case .unknown, .kubeconfig: continue
            case .role: type = o.kind.text == "Role" ? "roles" : "clusterroles"
            case .binding: type = o.kind.text == "RoleBinding" ? "rolebindings" : "clusterrolebindings"
            case .serviceAccount: type = "serviceaccounts"
            case .pod: type = "pods"
            case .secret: type = "secrets"
            case .namespace: type = "namespaces"
            case .node: type = "nodes"
            case .plain(let t): type = t
            }
            guard let name = o.metadata.name?.text else {
                note(o.at, "\(o.kind.text) without metadata.name (missing or empty) ignored")
                continue
            }
            let namespaced = KubernetesCatalog.byName[type]?.namespaced ?? true
            if namespaced {
                let ns = namespace(of: o)
                namespaces.insert(ns)
                resource(ids.namespaced(ns, type, name), criticality(type: type, namespace: ns), o.at)
                if let w = KubernetesCatalog.rewritableTypes.first(where: { $0.name == type }) {
                    workloads.append((ns, w.group, type, name, o.at))
                }
            } else {
                if type == "namespaces" { namespaces.insert(name) }
                let c = type == "namespaces" ? criticality(type: type, namespace: name) : criticality(type: type, namespace: nil)
                resource(ids.clusterScoped(type, name), c, o.at)
                if type == "nodes" { _ = node(name, o.at) }
            }
        }
    }

    mutating func declareNamespaceCollections(_ ns: String) {
        for t in KubernetesCatalog.namespaceCollections {
            resource(ids.namespaced(ns, t), criticality(type: t, namespace: ns), nil)
        }
        resource(ids.namespaceObject(ns), criticality(type: "namespaces", namespace: ns), nil)
    }

    // MARK: Subjects

    mutating func identity(_ id: String, _ kind: IdentityKind, resource: String?, _ origin: SourceLocation?) {
        guard identityIndex.insert(id).inserted else { return }
        out.identities.append(Identity(id: id, kind: kind, resource: resource, origin: origin))
    }

    mutating func group(_ id: String, _ origin: SourceLocation?) {
        guard groupMembers[id] == nil else { return }
        groupMembers[id] = []
        groupOrder.append(id)
        if let origin { groupOrigin[id] = origin }
    }

    mutating func add(_ member: String, to groupID: String) {
        group(groupID, nil)
        if memberships.insert([groupID, member]).inserted { groupMembers[groupID]!.append(member) }
    }

    /// The service account's identity, created on first mention with its object as resource.
    mutating func serviceAccount(_ ns: String, _ name: String, _ origin: SourceLocation?) -> String {
        let id = ids.serviceAccount(ns, name)
        namespaces.insert(ns)
        if serviceAccounts[ns, default: []].contains(name) { return id }
        serviceAccounts[ns, default: []].append(name)
        serviceAccountOrigin[id] = origin
        let object = ids.namespaced(ns, "serviceaccounts", name)
        resource(object, criticality(type: "serviceaccounts", namespace: ns), nil)
        identity(id, .service, resource: object, origin)
        add(id, to: ids.group(KubernetesIDs.serviceAccounts(in: ns)))
        return id
    }

    mutating func user(_ name: String, _ origin: SourceLocation?) -> String {
        if let sa = Self.serviceAccountUsername(name) { return serviceAccount(sa.namespace, sa.name, origin) }
        let id = ids.user(name)
        let object = ids.clusterScoped("users", name)
        resource(object, .medium, nil)
        identity(id, .human, resource: object, origin)
        add(id, to: ids.group(KubernetesIDs.authenticated))
        return id
    }

    mutating func node(_ name: String, _ origin: SourceLocation?) -> String {
        let id = ids.node(name)
        if nodeOrigin[name] == nil {
            nodeOrigin[name] = origin
            nodes.append(name)
            let object = ids.clusterScoped("nodes", name)
            resource(object, .critical, origin)
            identity(id, .workload, resource: nil, origin)
            add(id, to: ids.group(KubernetesIDs.nodes))
        }
        return id
    }

    /// `system:serviceaccount:<ns>:<name>`, the username of a service account.
    static func serviceAccountUsername(_ name: String) -> (namespace: String, name: String)? {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "system", parts[1] == "serviceaccount" else { return nil }
        return (String(parts[2]), String(parts[3]))
    }

    /// Builds the groups: service accounts per namespace inside `system:serviceaccounts`, inside
    /// `system:authenticated` with users and nodes.
    mutating func finishGroups() {
        let all = ids.group(KubernetesIDs.serviceAccounts)
        let authenticated = ids.group(KubernetesIDs.authenticated)
        group(all, nil)
        for ns in serviceAccounts.keys.sorted() { add(ids.group(KubernetesIDs.serviceAccounts(in: ns)), to: all) }
        add(all, to: authenticated)
        if !nodes.isEmpty { add(ids.group(KubernetesIDs.nodes), to: authenticated) }
        for g in groupOrder {
            out.groups.append(Group(id: g, members: groupMembers[g] ?? [], origin: groupOrigin[g]))
        }
    }

    /// A note at `at`, shown as `file:line: note: keyPath: message`.
    mutating func note(_ at: SourceLocation, _ message: String) {
        notes.append(ImportNote(file: at.place, keyPath: at.keyPath.isEmpty ? nil : at.keyPath, message: message))
    }
}
