import BlastCore

/// RBAC Roles and ClusterRoles (aggregation included) as model roles: one statement per rule entry.
extension KubernetesMapping {
    /// A Role or ClusterRole with its rules and labels, keyed by model role id.
    struct RoleInfo {
        let id: String
        let namespace: String?
        let object: RawKubernetesObject
        let raw: RawRole
    }

    mutating func mapRoles() throws(ImportError) -> [String: RoleInfo] {
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
            for rule in rules { allow += statements(for: rule, namespace: info.namespace, role: name(of: info)) }
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
    /// The role's name (its `metadata.name`).
    private func name(of info: RoleInfo) -> String { info.object.metadata.name?.text ?? "" }

    private mutating func statements(for rule: RawPolicyRule, namespace: String?, role: String) -> [Statement] {
        var out: [Statement] = []
        let verbs = rule.verbs.map(\.text)
        if !rule.nonResourceURLs.isEmpty {
            if namespace != nil {
                note(rule.at, "nonResourceURLs in a Role have no effect; ignored")
            } else {
                let urls = rule.nonResourceURLs.map(\.text)
                for u in urls where !u.contains("*") { resource(ids.url(u), .low, rule.at) }
                out.append(
                    Statement(
                        actions: verbs.map(KubernetesCatalog.nonResourceAction), resources: urls.map(ids.url),
                        origin: rule.at))
            }
        }
        let groups = rule.apiGroups.isEmpty ? [""] : rule.apiGroups.map(\.text)
        let names = rule.resourceNames.map(\.text)
        let nsPrefix = namespace.map(ids.namespaceRoot) ?? "\(ids.clusterRoot)/ns/*"
        for entry in rule.resources {
            let base = String(entry.text.split(separator: "/", maxSplits: 1).first ?? "")
            var bases: [String] = []  // prefixes, with the type segment when there is one
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
                            if t.namespaced {
                                bases.append("\(nsPrefix)/\(t.name)")
                            } else if namespace == nil {
                                bases.append(ids.clusterScoped(t.name))
                            }
                        }
                    }
                }
            } else if let t = KubernetesCatalog.byName[base] {
                if t.namespaced { bases = ["\(nsPrefix)/\(base)"] } else if namespace == nil { bases = [ids.clusterScoped(base)] }
                namedTypes.append((t, namespace))
            } else {
                bases = ["\(nsPrefix)/\(base)"] + (namespace == nil ? [ids.clusterScoped(base)] : [])
            }
            // `bind` is authorized in the namespace of the binding being written, so a RoleBinding
            // (or Role) can delegate binding ClusterRoles within its namespace.
            if (base == "clusterroles" || base == "*" && groups.contains(KubernetesCatalog.rbacGroup)) && !groups.contains("*") {
                bases.append("\(nsPrefix)/clusterroles")
            }
            // A request on the Namespace object N (`/api/v1/namespaces/N`) carries namespace N, so
            // Roles and RoleBindings in N reach it: it is also `…/ns/N/namespaces/N`.
            if (base == "namespaces" || base == "*" && groups.contains("")) && !groups.contains("*") {
                bases.append("\(nsPrefix)/namespaces")
            }
            recordNamedTargets(entry: entry.text, groups: groups, verbs: verbs, names: names, namespace: namespace, role: role)
            if bases.isEmpty {
                note(entry.at, "'\(entry.text)' is cluster-scoped; a Role cannot grant it, so this entry has no effect")
                continue
            }
            let patterns =
                names.isEmpty
                ? bases
                : bases.flatMap { b in
                    names.map { base == "*" && groups.contains("*") ? "\(b)/*/\($0)" : "\(b)/\($0)" }
                }
            var actions: [String] = []
            for g in groups { for v in verbs { actions.append(KubernetesCatalog.action(group: g, resource: entry.text, verb: v)) } }
            out.append(Statement(actions: actions, resources: patterns, origin: entry.at))
        }
        return out
    }

    /// Remembers the roles a rule lets one `bind` and the users it lets one `impersonate` by name,
    /// and the service accounts it lets one impersonate (`namespace` is the Role's, nil for the
    /// ClusterRole named `role`), so that the moves through them are emitted for those names (unnamed, the
    /// collection-wide moves through `cluster-admin` and any user cover bind and users).
    private mutating func recordNamedTargets(
        entry: String, groups: [String], verbs: [String], names: [String], namespace: String?, role: String
    ) {
        let anyGroup = groups.contains("*")
        let impersonates = verbs.contains("impersonate") || verbs.contains("*")
        if impersonates, entry == "serviceaccounts" || entry == "*", anyGroup || groups.contains("") {
            impersonableServiceAccounts.append((namespace, role, names))
        }
        guard !names.isEmpty else { return }
        if verbs.contains("bind") || verbs.contains("*"), entry == "clusterroles" || entry == "*",
            anyGroup || groups.contains(KubernetesCatalog.rbacGroup)
        {
            for n in names where bindableClusterRoles.insert(n).inserted { bindableClusterRoleOrder.append(n) }
        }
        if impersonates, entry == "users" || entry == "*", anyGroup || groups.contains("") {
            for n in names where impersonableUsers.insert(n).inserted { impersonableUserOrder.append(n) }
        }
    }

    /// Every verb on everything: `cluster-admin` and `system:masters`.
    func superuserStatements(origin: SourceLocation?) -> [Statement] {
        [
            Statement(actions: ["*:*:*"], resources: [ids.clusterRoot], origin: origin),
            Statement(actions: ["nonresource:*"], resources: [ids.url("*")], origin: origin),
        ]
    }
}
