import BlastCore

/// RoleBindings and ClusterRoleBindings as grants; their subjects as identities and groups.
extension KubernetesMapping {
    /// One binding, as the escalations need it.
    struct BindingInfo {
        /// The RoleBinding's namespace; nil for a ClusterRoleBinding.
        let namespace: String?
        let name: String
        let roleKind: KubernetesCatalog.RoleKind
        let roleName: String
        /// The subjects' identity or group ids.
        let subjects: [String]
        let origin: SourceLocation

        var isClusterAdmin: Bool { roleKind == .clusterRole && roleName == "cluster-admin" }
    }

    mutating func mapBindings(_ roles: [String: RoleInfo]) throws(ImportError) {
        for o in objects {
            guard case .binding(let b) = o.body, let name = o.metadata.name?.text else { continue }
            let isRoleBinding = o.kind.text == "RoleBinding"
            let ns = isRoleBinding ? namespace(of: o) : nil
            if let ns { namespaces.insert(ns) }
            guard let kind = KubernetesCatalog.RoleKind(rawValue: b.roleKind.text) else {
                throw ImportError(.badValue, "roleRef kind \(quoted(b.roleKind.text)) is not Role or ClusterRole", at: b.roleKind.at)
            }
            let roleID: String
            switch (kind, ns) {
            case (.clusterRole, _):
                roleID = ids.clusterRole(b.roleName.text)
            case (.role, let ns?):
                roleID = ids.role(ns, b.roleName.text)
            case (.role, nil):
                note(b.roleRefAt, "a ClusterRoleBinding cannot refer to a Role; binding '\(name)' ignored")
                continue
            }
            if roles[roleID] == nil && !roleIndex.contains(roleID) {
                danglingRole(roleID, kind: b.roleKind.text, name: b.roleName.text, namespace: ns, binding: name, at: b.roleRefAt)
            }
            var subjects: [String] = []
            for s in b.subjects {
                guard let subject = subjectID(s, bindingNamespace: ns) else { continue }
                subjects.append(subject)
                out.grants.append(Grant(to: subject, role: roleID, scope: ns.map(ids.namespaceRoot), origin: s.at))
            }
            bindings.append(
                BindingInfo(
                    namespace: ns, name: name, roleKind: kind, roleName: b.roleName.text, subjects: subjects, origin: o.at))
        }
    }

    /// A role a binding names but the export lacks: `cluster-admin` gets its fixed default
    /// definition; any other stays an empty role, so the binding remains visible.
    private mutating func danglingRole(
        _ id: String, kind: String, name: String, namespace: String?, binding: String,
        at: SourceLocation
    ) {
        roleIndex.insert(id)
        let place = namespace.map { " in namespace '\($0)'" } ?? ""
        if kind == "ClusterRole" && name == "cluster-admin" {
            note(
                at,
                "binding '\(binding)' refers to ClusterRole 'cluster-admin', which the export lacks; using its Kubernetes default (every verb on everything)"
            )
            out.roles.append(Role(id: id, allow: superuserStatements(origin: at), origin: at))
            return
        }
        note(
            at,
            "dangling binding: '\(binding)' refers to \(kind) '\(name)'\(place), which is not in the export; kept as a grant of an empty role"
        )
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
}
