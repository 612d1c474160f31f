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

    private var ids = KubernetesIDs(cluster: "cluster")
    private var out = Model(takeoverActions: KubernetesCatalog.takeoverActions,
                              revealActions: KubernetesCatalog.revealActions)
    private var resourceIndex: [String: Int] = [:]
    private var identityIndex: Set<String> = []
    /// Group id → members, in first-seen order.
    private var groupMembers: [String: [String]] = [:]
    private var groupOrder: [String] = []
    private var groupOrigin: [String: SourceLocation] = [:]
    /// (group, member) pairs already added, so that adding is O(1).
    private var memberships: Set<[String]> = []
    private var roleIndex: Set<String> = []
    private var namespaces: Set<String> = []
    /// Namespace → service account names, in first-seen order.
    private var serviceAccounts: [String: [String]] = [:]
    private var serviceAccountOrigin: [String: SourceLocation] = [:]
    private var nodes: [String] = []
    private var nodeOrigin: [String: SourceLocation] = [:]
    /// Pods on each node: (pod's service account identity).
    private var podsOnNode: [String: [String]] = [:]
    /// Service account identity → the pods mounting its token (its namespace, name, first pod).
    private var mountedTokens: [String: (namespace: String, name: String, origin: SourceLocation, pods: [String])] = [:]
    private var mountedOrder: [String] = []
    /// Bindings of `cluster-admin`: (namespace of a RoleBinding, name, origin).
    private var clusterAdminBindings: [(namespace: String?, name: String, origin: SourceLocation)] = []
    /// Built-in types rules name, with the Role's namespace (nil for a ClusterRole): their
    /// collections are declared so such rules reach a listed resource.
    private var namedTypes: [(type: KubernetesCatalog.ResourceType, namespace: String?)] = []

    init(objects: [RawKubernetesObject], declared: Set<String>) {
        self.objects = objects
        self.declared = declared
    }

    /// The model of all objects.
    /// - Complexity: O(n + r · g · v + a · c) for n objects, r rule entries over g API groups and
    ///   v verbs, and a aggregated among c ClusterRoles. It emits two escalations per service
    ///   account, two per node, about thirty per namespace and one per bound group; the engine
    ///   checks each against every session a radius reaches.
    mutating func model() throws(ImportError) -> Model {
        ids = KubernetesIDs(cluster: clusterName())
        noteUnknownKinds()
        declareObjects()
        let roles = try mapRoles()
        try mapBindings(roles)
        try mapServiceAccountsAndPods()
        mapMountedTokens()
        try mapSecrets()
        mapKubeconfigs()
        addEscalations()
        finishGroups()
        return out
    }

    // MARK: Cluster name and unknown kinds

    /// The cluster of the current context of a kubeconfig among the files, else "cluster".
    private func clusterName() -> String {
        for o in objects {
            guard case .kubeconfig(let k) = o.body, let current = k.currentContext,
                  let cluster = k.contexts[current.text] else { continue }
            return cluster.text
        }
        return "cluster"
    }

    private mutating func noteUnknownKinds() {
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

    private mutating func resource(_ id: String, _ criticality: Criticality, _ origin: SourceLocation?) {
        if let k = resourceIndex[id] {
            if out.resources[k].criticality < criticality { out.resources[k].criticality = criticality }
            if out.resources[k].origin == nil { out.resources[k].origin = origin }
            return
        }
        resourceIndex[id] = out.resources.count
        out.resources.append(Resource(id: id, criticality: criticality, origin: origin))
    }

    private func criticality(type: String, namespace: String?) -> Criticality {
        if namespace == "kube-system" { return .critical }
        return KubernetesCatalog.byName[type]?.criticality ?? .low
    }

    private func namespace(of o: RawKubernetesObject) -> String {
        o.metadata.namespace?.text ?? "default"
    }

    /// Declares every object of a known kind, and the collections escalation techniques need.
    private mutating func declareObjects() {
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
                note(o.at, "\(o.kind.text) without metadata.name ignored")
                continue
            }
            let namespaced = KubernetesCatalog.byName[type]?.namespaced ?? true
            if namespaced {
                let ns = namespace(of: o)
                namespaces.insert(ns)
                resource(ids.namespaced(ns, type, name), criticality(type: type, namespace: ns), o.at)
            } else {
                if type == "namespaces" { namespaces.insert(name) }
                let c = type == "namespaces" ? criticality(type: type, namespace: name) : criticality(type: type, namespace: nil)
                resource(ids.clusterScoped(type, name), c, o.at)
                if type == "nodes" { _ = node(name, o.at) }
            }
        }
    }

    private mutating func declareNamespaceCollections(_ ns: String) {
        for t in KubernetesCatalog.namespaceCollections {
            resource(ids.namespaced(ns, t), criticality(type: t, namespace: ns), nil)
        }
    }

    // MARK: Subjects

    private mutating func identity(_ id: String, _ kind: IdentityKind, resource: String?, _ origin: SourceLocation?) {
        guard identityIndex.insert(id).inserted else { return }
        out.identities.append(Identity(id: id, kind: kind, resource: resource, origin: origin))
    }

    private mutating func group(_ id: String, _ origin: SourceLocation?) {
        guard groupMembers[id] == nil else { return }
        groupMembers[id] = []
        groupOrder.append(id)
        if let origin { groupOrigin[id] = origin }
    }

    private mutating func add(_ member: String, to groupID: String) {
        group(groupID, nil)
        if memberships.insert([groupID, member]).inserted { groupMembers[groupID]!.append(member) }
    }

    /// The service account's identity, created on first mention with its object as resource.
    private mutating func serviceAccount(_ ns: String, _ name: String, _ origin: SourceLocation?) -> String {
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

    private mutating func user(_ name: String, _ origin: SourceLocation?) -> String {
        if let sa = Self.serviceAccountUsername(name) { return serviceAccount(sa.namespace, sa.name, origin) }
        let id = ids.user(name)
        let object = ids.clusterScoped("users", name)
        resource(object, .medium, nil)
        identity(id, .human, resource: object, origin)
        add(id, to: ids.group(KubernetesIDs.authenticated))
        return id
    }

    private mutating func node(_ name: String, _ origin: SourceLocation?) -> String {
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

    // MARK: Roles

    /// A Role or ClusterRole with its rules and labels, keyed by model role id.
    struct RoleInfo {
        let id: String
        let namespace: String?
        let object: RawKubernetesObject
        let raw: RawRole
    }

    private mutating func mapRoles() throws(ImportError) -> [String: RoleInfo] {
        var roles: [String: RoleInfo] = [:]
        var order: [String] = []
        for o in objects {
            guard case .role(let raw) = o.body, let name = o.metadata.name?.text else { continue }
            let ns = o.kind.text == "Role" ? namespace(of: o) : nil
            let id = ns.map { ids.role($0, name) } ?? ids.clusterRole(name)
            guard roles[id] == nil else {
                note(o.at, "\(o.kind.text) '\(name)' appears twice; the first one is used")
                continue
            }
            roles[id] = RoleInfo(id: id, namespace: ns, object: o, raw: raw)
            order.append(id)
        }
        let clusterRoles = order.compactMap { roles[$0] }.filter { $0.namespace == nil }
        for id in order {
            let info = roles[id]!
            var rules = info.raw.rules
            if !info.raw.aggregation.isEmpty {
                rules = try aggregatedRules(info, among: clusterRoles)
            }
            var allow: [Statement] = []
            for rule in rules { allow += statements(for: rule, namespace: info.namespace) }
            out.roles.append(Role(id: id, allow: allow, origin: info.object.at))
            roleIndex.insert(id)
        }
        return roles
    }

    /// The rules of an aggregated ClusterRole: its own (as exported) and those of every ClusterRole
    /// its selectors match, transitively, each once.
    private func aggregatedRules(_ role: RoleInfo, among all: [RoleInfo]) throws(ImportError) -> [RawPolicyRule] {
        var rules = role.raw.rules
        var seenRules = Set(rules.map(\.at.description))
        var visited: Set<String> = [role.id]
        var queue = [role]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for other in all where !visited.contains(other.id) {
                var matched = false
                for selector in current.raw.aggregation where try selector.matches(other.object.metadata.labels) {
                    matched = true
                    break
                }
                guard matched else { continue }
                visited.insert(other.id)
                queue.append(other)
                for r in other.raw.rules where seenRules.insert(r.at.description).inserted { rules.append(r) }
            }
        }
        return rules
    }

    /// One statement per entry of `resources` (actions: API group × entry × verb), plus one for
    /// `nonResourceURLs`. `namespace` is nil for a ClusterRole.
    private mutating func statements(for rule: RawPolicyRule, namespace: String?) -> [Statement] {
        var out: [Statement] = []
        let verbs = rule.verbs.map(\.text)
        if !rule.nonResourceURLs.isEmpty {
            if namespace != nil {
                note(rule.at, "nonResourceURLs in a Role have no effect; ignored")
            } else {
                let urls = rule.nonResourceURLs.map(\.text)
                for u in urls where !u.contains("*") { resource(ids.url(u), .low, rule.at) }
                out.append(Statement(actions: verbs.map(KubernetesCatalog.nonResourceAction), resources: urls.map(ids.url),
                                     origin: rule.at))
            }
        }
        let groups = rule.apiGroups.isEmpty ? [""] : rule.apiGroups.map(\.text)
        let names = rule.resourceNames.map(\.text)
        let nsPrefix = namespace.map(ids.namespaceRoot) ?? "\(ids.clusterRoot)/ns/*"
        for entry in rule.resources {
            let base = String(entry.text.split(separator: "/", maxSplits: 1).first ?? "")
            var bases: [String] = []   // prefixes, with the type segment when there is one
            if base == "*" {
                if groups.contains("*") {
                    bases = [namespace == nil ? ids.clusterRoot : nsPrefix]
                } else {
                    for g in groups {
                        let known = KubernetesCatalog.types.filter { $0.group == g }
                        if known.isEmpty {
                            bases.append("\(nsPrefix)/*.\(g)")
                            if namespace == nil { bases.append("\(ids.clusterRoot)/*.\(g)") }
                        }
                        for t in known {
                            if t.namespaced { bases.append("\(nsPrefix)/\(t.name)") }
                            else if namespace == nil { bases.append(ids.clusterScoped(t.name)) }
                        }
                    }
                }
            } else if let t = KubernetesCatalog.byName[base] {
                if t.namespaced { bases = ["\(nsPrefix)/\(base)"] }
                else if namespace == nil { bases = [ids.clusterScoped(base)] }
                namedTypes.append((t, namespace))
            } else {
                bases = ["\(nsPrefix)/\(base)"] + (namespace == nil ? [ids.clusterScoped(base)] : [])
            }
            // `bind` is authorized in the namespace of the binding being written, so a RoleBinding
            // (or Role) can delegate binding ClusterRoles within its namespace.
            if (base == "clusterroles" || base == "*" && groups.contains(KubernetesCatalog.rbacGroup)) && !groups.contains("*") {
                bases.append("\(nsPrefix)/clusterroles")
            }
            if bases.isEmpty {
                note(entry.at, "'\(entry.text)' is cluster-scoped; a Role cannot grant it, so this entry has no effect")
                continue
            }
            let patterns = names.isEmpty ? bases : bases.flatMap { b in
                names.map { base == "*" && groups.contains("*") ? "\(b)/*/\($0)" : "\(b)/\($0)" }
            }
            var actions: [String] = []
            for g in groups { for v in verbs { actions.append(KubernetesCatalog.action(group: g, resource: entry.text, verb: v)) } }
            out.append(Statement(actions: actions, resources: patterns, origin: entry.at))
        }
        return out
    }

    // MARK: Bindings

    private mutating func mapBindings(_ roles: [String: RoleInfo]) throws(ImportError) {
        for o in objects {
            guard case .binding(let b) = o.body, let name = o.metadata.name?.text else { continue }
            let isRoleBinding = o.kind.text == "RoleBinding"
            let ns = isRoleBinding ? namespace(of: o) : nil
            if let ns { namespaces.insert(ns) }
            let roleID: String
            switch (b.roleKind.text, ns) {
            case ("ClusterRole", _):
                roleID = ids.clusterRole(b.roleName.text)
            case ("Role", let ns?):
                roleID = ids.role(ns, b.roleName.text)
            case ("Role", nil):
                note(b.roleRefAt, "a ClusterRoleBinding cannot refer to a Role; binding '\(name)' ignored")
                continue
            default:
                throw ImportError(.badValue, "roleRef kind '\(b.roleKind.text)' is not Role or ClusterRole", at: b.roleKind.at)
            }
            if b.roleKind.text == "ClusterRole" && b.roleName.text == "cluster-admin" {
                clusterAdminBindings.append((ns, name, o.at))
            }
            if roles[roleID] == nil && !roleIndex.contains(roleID) {
                danglingRole(roleID, kind: b.roleKind.text, name: b.roleName.text, namespace: ns, binding: name, at: b.roleRefAt)
            }
            for s in b.subjects {
                guard let subject = subjectID(s, bindingNamespace: ns) else { continue }
                out.grants.append(Grant(to: subject, role: roleID, scope: ns.map(ids.namespaceRoot), origin: s.at))
            }
        }
    }

    /// A role a binding names but the export lacks: `cluster-admin` gets its fixed default
    /// definition; any other stays an empty role, so the binding remains visible.
    private mutating func danglingRole(_ id: String, kind: String, name: String, namespace: String?, binding: String,
                                       at: SourceLocation) {
        roleIndex.insert(id)
        let place = namespace.map { " in namespace '\($0)'" } ?? ""
        if kind == "ClusterRole" && name == "cluster-admin" {
            note(at, "binding '\(binding)' refers to ClusterRole 'cluster-admin', which the export lacks; using its Kubernetes default (every verb on everything)")
            out.roles.append(Role(id: id, allow: superuserStatements(origin: at), origin: at))
            return
        }
        note(at, "dangling binding: '\(binding)' refers to \(kind) '\(name)'\(place), which is not in the export; kept as a grant of an empty role")
        out.roles.append(Role(id: id, origin: at))
    }

    private mutating func subjectID(_ s: RawBinding.Subject, bindingNamespace: String?) -> String? {
        switch s.kind.text {
        case "User":
            return user(s.name.text, s.at)
        case "Group":
            let id = ids.group(s.name.text)
            group(id, s.at)
            return id
        case "ServiceAccount":
            guard let ns = s.namespace?.text ?? bindingNamespace else {
                note(s.at, "ServiceAccount subject '\(s.name.text)' of a ClusterRoleBinding has no namespace; ignored")
                return nil
            }
            return serviceAccount(ns, s.name.text, s.at)
        default:
            note(s.kind.at, "subject kind '\(s.kind.text)' is not User, Group or ServiceAccount; ignored")
            return nil
        }
    }

    // MARK: Service accounts, pods, secrets, kubeconfigs

    private mutating func mapServiceAccountsAndPods() throws(ImportError) {
        var automountOff: Set<String> = []
        for o in objects {
            guard case .serviceAccount(let sa) = o.body, let name = o.metadata.name?.text else { continue }
            let ns = namespace(of: o)
            let id = serviceAccount(ns, name, o.at)
            if try sa.automount?.bool() == false { automountOff.insert(id) }
            linkCloudIdentity(id, o)
        }
        for o in objects {
            guard case .pod(let spec) = o.body, let name = o.metadata.name?.text else { continue }
            let ns = namespace(of: o)
            let sa = serviceAccount(ns, spec.serviceAccountName?.text ?? "default", o.at)
            let mounted = try spec.automount?.bool() ?? !automountOff.contains(sa)
            guard mounted else { continue }
            // The pod holds a copy of its account's token: exec or attach reveals it.
            if mountedTokens[sa] == nil {
                mountedTokens[sa] = (ns, spec.serviceAccountName?.text ?? "default", o.at, [])
                mountedOrder.append(sa)
            }
            mountedTokens[sa]!.pods.append(ids.namespaced(ns, "pods", name))
            if let nodeName = spec.nodeName?.text {
                _ = node(nodeName, o.at)
                podsOnNode[nodeName, default: []].append(sa)
            }
        }
    }

    /// Adds the mounted-token credentials: one per service account, stored in every pod that mounts it.
    private mutating func mapMountedTokens() {
        for sa in mountedOrder {
            let t = mountedTokens[sa]!
            out.credentials.append(Credential(id: ids.mountedToken(t.namespace, t.name), of: sa, storedIn: t.pods, origin: t.origin))
        }
    }

    /// EKS (`eks.amazonaws.com/role-arn`) and GKE (`iam.gke.io/gcp-service-account`) workload
    /// identity: an assume to the cloud identity when its model is loaded alongside, else a note.
    private mutating func linkCloudIdentity(_ sa: String, _ o: RawKubernetesObject) {
        for (annotation, cloud) in [("eks.amazonaws.com/role-arn", "AWS"), ("iam.gke.io/gcp-service-account", "GCP"),
                                    ("azure.workload.identity/client-id", "Azure")] {
            guard let target = o.metadata.annotations[annotation] else { continue }
            let at = SourceLocation(file: target.at.file, line: target.at.line, keyPath: "\(o.at.keyPath).metadata.annotations.\(annotation)")
            if declared.contains(target.text) {
                out.assumes.append(Assume(from: sa, to: target.text, origin: at))
            } else {
                note(at, "\(cloud) identity '\(target.text)' of \(sa) is not in the loaded models; load the \(cloud) export alongside to follow it")
            }
        }
    }

    /// The annotation saying whose credential a secret holds (an identity id of any loaded model).
    static let credentialAnnotation = "blast.dev/credential-of"

    private mutating func mapSecrets() throws(ImportError) {
        for o in objects {
            guard case .secret(let s) = o.body, let name = o.metadata.name?.text else { continue }
            let ns = namespace(of: o)
            let object = ids.namespaced(ns, "secrets", name)
            let created = o.metadata.creationTimestamp.flatMap { Instant(iso8601: $0.text) }
            if s.type?.text == "kubernetes.io/service-account-token" {
                guard let saName = o.metadata.annotations["kubernetes.io/service-account.name"]?.text else {
                    note(o.at, "service-account-token secret '\(name)' names no service account (annotation kubernetes.io/service-account.name); not linked")
                    continue
                }
                let sa = serviceAccount(ns, saName, o.at)
                out.credentials.append(Credential(id: ids.token(ns, name), of: sa, storedIn: [object], created: created, origin: o.at))
            }
            if let of = o.metadata.annotations[Self.credentialAnnotation] {
                let at = SourceLocation(file: of.at.file, line: of.at.line,
                                        keyPath: "\(o.at.keyPath).metadata.annotations.\(Self.credentialAnnotation)")
                if identityIndex.contains(of.text) || declared.contains(of.text) {
                    out.credentials.append(Credential(id: ids.secretCredential(ns, name), of: of.text, storedIn: [object],
                                                        created: created, origin: at))
                } else {
                    note(at, "secret '\(ns)/\(name)' holds a credential of '\(of.text)', which is not in the loaded models; load that export alongside to follow it")
                }
            }
        }
    }

    /// Kubeconfig users with a service-account bearer token become credentials of that account.
    private mutating func mapKubeconfigs() {
        for o in objects {
            guard case .kubeconfig(let k) = o.body else { continue }
            for u in k.users {
                guard let token = u.token?.text else {
                    note(u.at, "kubeconfig user '\(u.name.text)' has no bearer token; client certificates and exec plugins are not modelled")
                    continue
                }
                guard let claims = Self.jwtClaims(token), let sub = claims["sub"] as? String,
                      let sa = Self.serviceAccountUsername(sub) else {
                    note(u.at, "kubeconfig user '\(u.name.text)': the token is not a service-account token blast can read; not linked")
                    continue
                }
                let id = serviceAccount(sa.namespace, sa.name, u.at)
                let expires = (claims["exp"] as? NSNumber).map { Instant(secondsSinceEpoch: $0.int64Value) }
                out.credentials.append(Credential(id: ids.kubeconfigCredential(u.name.text), of: id, expires: expires, origin: u.at))
            }
        }
    }

    /// The claims of a JWT (its payload, base64url JSON), unverified.
    static func jwtClaims(_ token: String) -> [String: Any]? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var b64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    // MARK: Escalations

    private func superuserStatements(origin: SourceLocation?) -> [Statement] {
        [Statement(actions: ["*:*:*"], resources: [ids.clusterRoot], origin: origin),
         Statement(actions: ["nonresource:*"], resources: [ids.url("*")], origin: origin)]
    }

    /// The Namespace objects of the export, by name (the first of each name).
    private var namespaceObjects: [String: RawKubernetesObject] {
        var out: [String: RawKubernetesObject] = [:]
        for o in objects {
            if case .namespace = o.body, let name = o.metadata.name?.text, out[name] == nil { out[name] = o }
        }
        return out
    }

    /// Whether Pod Security admission lets new pods in the namespace use host access: its `enforce`
    /// level is not `baseline` or `restricted` (a namespace absent from the export counts as privileged).
    private static func podSecurityAllowsHostAccess(_ namespace: RawKubernetesObject?) -> Bool {
        let level = namespace?.metadata.labels["pod-security.kubernetes.io/enforce"]?.text
        return !(level == "baseline" || level == "restricted")
    }

    private mutating func addEscalations() {
        let rbac = KubernetesCatalog.rbacGroup
        let certs = KubernetesCatalog.certificatesGroup
        func act(_ g: String, _ r: String, _ v: String) -> String { KubernetesCatalog.action(group: g, resource: r, verb: v) }

        // Synthetic roles and cluster-wide targets.
        out.roles.append(Role(id: ids.superuserRole, allow: superuserStatements(origin: nil)))
        out.roles.append(Role(id: ids.resourceSuperuserRole, allow: [superuserStatements(origin: nil)[0]]))
        out.roles.append(Role(id: ids.podVolumesRole, allow: [
            Statement(actions: [act("", "secrets", "get")], resources: ["\(ids.clusterRoot)/ns/*/secrets"]),
            Statement(actions: [act("", "configmaps", "get")], resources: ["\(ids.clusterRoot)/ns/*/configmaps"]),
        ]))
        let masters = ids.group(KubernetesIDs.masters)
        group(masters, nil)
        out.grants.append(Grant(to: masters, role: ids.superuserRole))
        identity(ids.clusterAdmin, .service, resource: nil, nil)
        add(ids.clusterAdmin, to: masters)

        let clusterAdminRole = ids.clusterScoped("clusterroles", "cluster-admin")
        let crbs = ids.clusterScoped("clusterrolebindings")
        let clusterRoles = ids.clusterScoped("clusterroles")
        let csrs = ids.clusterScoped("certificatesigningrequests")
        let signer = ids.clusterScoped("signers", KubernetesCatalog.apiServerClientSigner)
        resource(clusterAdminRole, .critical, nil)
        for r in [crbs, clusterRoles, csrs, signer] { resource(r, .high, nil) }
        resource(ids.clusterScoped("users"), .medium, nil)
        resource(ids.clusterScoped("groups"), .medium, nil)

        out.escalations.append(Escalation(technique: "k8s.clusterrolebinding-bind-cluster-admin", requires: [
            .init(action: act(rbac, "clusterrolebindings", "create"), resource: crbs),
            .init(action: act(rbac, "clusterroles", "bind"), resource: clusterAdminRole),
        ], to: ids.clusterAdmin))
        out.escalations.append(Escalation(technique: "k8s.clusterrole-escalate", requires: [
            .init(action: act(rbac, "clusterroles", "create"), resource: clusterRoles),
            .init(action: act(rbac, "clusterrolebindings", "create"), resource: crbs),
            .init(action: act(rbac, "clusterroles", "update"), resource: clusterRoles),
            .init(action: act(rbac, "clusterroles", "escalate"), resource: clusterRoles),
        ], to: ids.clusterAdmin))
        out.escalations.append(Escalation(technique: "k8s.csr-approve-client-certificate", requires: [
            .init(action: act(certs, "certificatesigningrequests", "create"), resource: csrs),
            .init(action: act(certs, "certificatesigningrequests/approval", "update"), resource: csrs),
            .init(action: act(certs, "signers", "approve"), resource: signer),
        ], to: ids.clusterAdmin))

        // Per namespace: a new pod, a namespace admin, host access.
        let namespaceObjects = self.namespaceObjects
        let hostAccess = Set(namespaces.filter { Self.podSecurityAllowsHostAccess(namespaceObjects[$0]) })
        if !hostAccess.isEmpty { identity(ids.anyNode, .workload, resource: nil, nil) }
        for (t, ns) in namedTypes {
            if !t.namespaced { resource(ids.clusterScoped(t.name), t.criticality, nil) }
            else { for n in ns.map({ [$0] }) ?? namespaces.sorted() { resource(ids.namespaced(n, t.name), criticality(type: t.name, namespace: n), nil) } }
        }
        for ns in namespaces.sorted() {
            declareNamespaceCollections(ns)
            let origin = namespaceObjects[ns]?.at
            let pod = ids.newPod(ns)
            identity(pod, .workload, resource: nil, origin)
            out.grants.append(Grant(to: pod, role: ids.podVolumesRole, scope: ids.namespaceRoot(ns), origin: origin))
            for sa in serviceAccounts[ns] ?? [] {
                let id = ids.serviceAccount(ns, sa)
                out.assumes.append(Assume(from: pod, to: id, origin: serviceAccountOrigin[id] ?? nil))
            }
            for (g, t) in KubernetesCatalog.podCreatingTypes {
                let req = Escalation.Requirement(action: act(g, t, "create"), resource: ids.namespaced(ns, t))
                out.escalations.append(Escalation(technique: "k8s.pod-create", requires: [req], to: pod, origin: origin))
                if hostAccess.contains(ns) {
                    out.escalations.append(Escalation(technique: "k8s.pod-create-host-access", requires: [req], to: ids.anyNode, origin: origin))
                }
                // Rewriting a controller's pod template makes the controller run the new pod.
                guard t != "pods" else { continue }
                for verb in ["update", "patch"] {
                    let rewrite = Escalation.Requirement(action: act(g, t, verb), resource: ids.namespaced(ns, t))
                    out.escalations.append(Escalation(technique: "k8s.workload-template-rewrite", requires: [rewrite], to: pod, origin: origin))
                }
            }
            let admin = ids.namespaceAdmin(ns)
            identity(admin, .service, resource: nil, origin)
            out.grants.append(Grant(to: admin, role: ids.resourceSuperuserRole, scope: ids.namespaceRoot(ns), origin: origin))
            let roles = ids.namespaced(ns, "roles"), bindings = ids.namespaced(ns, "rolebindings")
            let bindHere = ids.namespaced(ns, "clusterroles", "cluster-admin")
            resource(bindHere, .high, nil)
            out.escalations.append(Escalation(technique: "k8s.rolebinding-bind-cluster-admin", requires: [
                .init(action: act(rbac, "rolebindings", "create"), resource: bindings),
                .init(action: act(rbac, "clusterroles", "bind"), resource: bindHere),
            ], to: admin, origin: origin))
            out.escalations.append(Escalation(technique: "k8s.role-escalate", requires: [
                .init(action: act(rbac, "roles", "create"), resource: roles),
                .init(action: act(rbac, "rolebindings", "create"), resource: bindings),
                .init(action: act(rbac, "roles", "update"), resource: roles),
                .init(action: act(rbac, "roles", "escalate"), resource: roles),
            ], to: admin, origin: origin))
            for sa in serviceAccounts[ns] ?? [] {
                let id = ids.serviceAccount(ns, sa)
                out.escalations.append(Escalation(technique: "k8s.serviceaccount-token-create", requires: [
                    .init(action: act("", "serviceaccounts/token", "create"), resource: ids.namespaced(ns, "serviceaccounts", sa)),
                ], to: id, origin: serviceAccountOrigin[id] ?? nil))
                // A secret of type service-account-token naming the account is filled with a token.
                let secrets = ids.namespaced(ns, "secrets")
                out.escalations.append(Escalation(technique: "k8s.token-secret-create", requires: [
                    .init(action: act("", "secrets", "create"), resource: secrets),
                    .init(action: act("", "secrets", "get"), resource: secrets),
                ], to: id, origin: serviceAccountOrigin[id] ?? nil))
            }
        }

        // Existing bindings of cluster-admin: adding oneself as a subject needs bind on the role.
        for b in clusterAdminBindings {
            let (type, object, bind, target) = b.namespace.map {
                ("rolebindings", ids.namespaced($0, "rolebindings", b.name), ids.namespaced($0, "clusterroles", "cluster-admin"),
                 ids.namespaceAdmin($0))
            } ?? ("clusterrolebindings", ids.clusterScoped("clusterrolebindings", b.name), clusterAdminRole, ids.clusterAdmin)
            for verb in ["update", "patch"] {
                out.escalations.append(Escalation(technique: "k8s.binding-update-bind-cluster-admin", requires: [
                    .init(action: act(rbac, type, verb), resource: object),
                    .init(action: act(rbac, "clusterroles", "bind"), resource: bind),
                ], to: target, origin: b.origin))
            }
        }

        // Nodes: the kubelet API through nodes/proxy, and the tokens of the pods each node runs.
        for n in nodes {
            let id = ids.node(n)
            if hostAccess.isEmpty == false { out.assumes.append(Assume(from: ids.anyNode, to: id, origin: nodeOrigin[n] ?? nil)) }
            for verb in ["create", "get"] {
                out.escalations.append(Escalation(
                    technique: verb == "create" ? "k8s.nodes-proxy" : "k8s.nodes-proxy-websocket-get",
                    requires: [.init(action: act("", "nodes/proxy", verb), resource: ids.clusterScoped("nodes", n))],
                    to: id, origin: nodeOrigin[n] ?? nil))
            }
            var seen: Set<String> = []
            for sa in podsOnNode[n] ?? [] where seen.insert(sa).inserted {
                out.assumes.append(Assume(from: id, to: sa, origin: nodeOrigin[n] ?? nil))
            }
        }

        // Groups: impersonating a user with extra groups yields any group's permissions.
        let usersCollection = ids.clusterScoped("users")
        for g in groupOrder {
            let name = String(g.dropFirst("k8s:\(ids.cluster):group:".count))
            let builtin = name == KubernetesIDs.authenticated || name == "system:unauthenticated" || name == KubernetesIDs.nodes
                || name == KubernetesIDs.serviceAccounts || name.hasPrefix(KubernetesIDs.serviceAccounts + ":")
            if builtin { continue }
            let target: String
            if name == KubernetesIDs.masters {
                target = ids.clusterAdmin
            } else {
                target = ids.groupMember(name)
                identity(target, .human, resource: nil, groupOrigin[g])
                add(target, to: g)
                add(target, to: ids.group(KubernetesIDs.authenticated))
            }
            let groupResource = ids.clusterScoped("groups", name)
            resource(groupResource, .medium, nil)
            out.escalations.append(Escalation(technique: "k8s.impersonate-group", requires: [
                .init(action: act("", "users", "impersonate"), resource: usersCollection),
                .init(action: act("", "groups", "impersonate"), resource: groupResource),
            ], to: target, origin: groupOrigin[g]))
        }
    }

    /// Builds the groups: service accounts per namespace inside `system:serviceaccounts`, inside
    /// `system:authenticated` with users and nodes.
    private mutating func finishGroups() {
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
    private mutating func note(_ at: SourceLocation, _ message: String) {
        let place = at.line.map { "\(at.file):\($0)" } ?? at.file
        notes.append(ImportNote(file: place, keyPath: at.keyPath.isEmpty ? nil : at.keyPath, message: message))
    }
}
