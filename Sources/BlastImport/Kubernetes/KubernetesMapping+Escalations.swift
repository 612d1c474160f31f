import BlastCore

/// The known privilege-escalation moves (`KubernetesTechnique`), as escalations, assumes and the
/// synthetic identities they lead to; docs/kubernetes.md has the table.
extension KubernetesMapping {
    /// The Namespace objects of the export, by name (the first of each name).
    private var namespaceObjects: [String: RawKubernetesObject] {
        var out: [String: RawKubernetesObject] = [:]
        for o in objects {
            if case .namespace = o.body, let name = o.metadata.name?.text, out[name] == nil { out[name] = o }
        }
        return out
    }

    private static func act(_ g: String, _ r: String, _ v: String) -> String { KubernetesCatalog.action(group: g, resource: r, verb: v) }

    /// Pod Security's level for new pods in the namespace, as admission reads it: the `enforce`
    /// label, nil when absent (the admission configuration's default, `privileged` unless set).
    private static func podSecurityLevel(_ namespace: RawKubernetesObject?) -> String? {
        namespace?.metadata.labels[podSecurityEnforceLabel]?.text
    }

    static let podSecurityEnforceLabel = "pod-security.kubernetes.io/enforce"

    /// What a host-access path assumes of admission in `ns`: nothing when the namespace enforces
    /// `privileged`; the cluster-wide default when it has no label.
    private func hostAccessAssumption(_ ns: String, _ namespaceObjects: [String: RawKubernetesObject]) -> String? {
        guard Self.podSecurityLevel(namespaceObjects[ns]) == nil else { return nil }
        return "Pod Security admits host pods in '\(ns)': no \(Self.podSecurityEnforceLabel) label, and the cluster default is privileged"
    }

    private mutating func escalate(
        _ technique: KubernetesTechnique, _ requires: [Escalation.Requirement], to target: String,
        from holder: String? = nil, condition: String? = nil, origin: SourceLocation? = nil
    ) {
        out.escalations.append(
            Escalation(
                technique: technique.rawValue, requires: requires, to: target, from: holder,
                terms: condition.map { Terms(condition: $0) } ?? .standing, origin: origin))
    }

    /// Creating a role one holds, binding it, then rewriting it (`update` or `patch`) with
    /// `escalate`: `roles` and `bindings` are the types and the collections they are created in.
    private mutating func escalateByRewritingNewRole(
        _ technique: KubernetesTechnique, roles: (type: String, collection: String), bindings: (type: String, collection: String),
        to target: String, origin: SourceLocation? = nil
    ) {
        let rbac = KubernetesCatalog.rbacGroup
        for verb in ["update", "patch"] {
            escalate(
                technique,
                [
                    .init(action: Self.act(rbac, roles.type, "create"), resource: roles.collection),
                    .init(action: Self.act(rbac, bindings.type, "create"), resource: bindings.collection),
                    .init(action: Self.act(rbac, roles.type, verb), resource: roles.collection),
                    .init(action: Self.act(rbac, roles.type, "escalate"), resource: roles.collection),
                ], to: target, origin: origin)
        }
    }

    /// The synthetic holder of a role within a namespace (or cluster-wide): the identity a new
    /// binding of the role makes its subject. Created on first use.
    private mutating func holder(namespace ns: String?, roleKind: KubernetesCatalog.RoleKind, role: String, origin: SourceLocation?)
        -> String
    {
        let id = ids.holder(namespace: ns, roleKind: roleKind, role: role)
        guard holders.insert(id).inserted else { return id }
        identity(id, .service, resource: nil, origin)
        let roleID = roleKind == .role ? ids.role(ns ?? "default", role) : ids.clusterRole(role)
        out.grants.append(Grant(to: id, role: roleID, scope: ns.map(ids.namespaceRoot), origin: origin))
        return id
    }

    /// The resource `bind` on a role is checked against: a Role in its namespace, a ClusterRole
    /// in the namespace of the RoleBinding being written, or cluster-wide for a ClusterRoleBinding.
    private mutating func bindTarget(namespace ns: String?, roleKind: KubernetesCatalog.RoleKind, role: String) -> String {
        let id: String
        if roleKind == .role {
            id = ids.namespaced(ns ?? "default", "roles", role)
        } else {
            id = ns.map { ids.namespaced($0, "clusterroles", role) } ?? ids.clusterScoped("clusterroles", role)
        }
        resource(id, role == "cluster-admin" ? .critical : .high, nil)
        return id
    }

    /// Every technique, in a fixed order: cluster-wide, per namespace, new bindings of roles other
    /// than `cluster-admin`, existing bindings, nodes, groups.
    mutating func addEscalations() {
        addClusterEscalations()
        addNamespaceEscalations()
        addRoleBindingEscalations()
        addBindingEscalations()
        addNodeEscalations(anyNode: !namespaces.isEmpty)
        addGroupEscalations()
    }

    /// Synthetic roles and cluster-wide targets: binding or escalating to `cluster-admin`, and a
    /// client certificate for a subject bound to it.
    private mutating func addClusterEscalations() {
        let rbac = KubernetesCatalog.rbacGroup
        let certs = KubernetesCatalog.certificatesGroup
        let act = Self.act
        out.roles.append(Role(id: ids.superuserRole, allow: superuserStatements(origin: nil)))
        out.roles.append(Role(id: ids.resourceSuperuserRole, allow: [superuserStatements(origin: nil)[0]]))
        out.roles.append(
            Role(
                id: ids.podVolumesRole,
                allow: [
                    Statement(actions: [act("", "secrets", "get")], resources: ["\(ids.clusterRoot)/ns/*/secrets"]),
                    Statement(actions: [act("", "configmaps", "get")], resources: ["\(ids.clusterRoot)/ns/*/configmaps"]),
                ]))
        let mastersGroup = ids.group(KubernetesIDs.masters)
        group(mastersGroup, nil)
        out.grants.append(Grant(to: mastersGroup, role: ids.superuserRole))
        identity(ids.clusterAdmin, .service, resource: nil, nil)
        add(ids.clusterAdmin, to: mastersGroup)

        let clusterAdminRole = ids.clusterScoped("clusterroles", "cluster-admin")
        let crbs = ids.clusterScoped("clusterrolebindings")
        let clusterRoles = ids.clusterScoped("clusterroles")
        let csrs = ids.clusterScoped("certificatesigningrequests")
        let signer = ids.clusterScoped("signers", KubernetesCatalog.apiServerClientSigner)
        resource(clusterAdminRole, .critical, nil)
        for r in [crbs, clusterRoles, csrs, signer] { resource(r, .high, nil) }
        resource(ids.clusterScoped("users"), .medium, nil)
        resource(ids.clusterScoped("groups"), .medium, nil)

        escalate(
            .clusterRoleBindingBindClusterAdmin,
            [
                .init(action: act(rbac, "clusterrolebindings", "create"), resource: crbs),
                .init(action: act(rbac, "clusterroles", "bind"), resource: clusterAdminRole),
            ], to: ids.clusterAdmin)
        escalateByRewritingNewRole(
            .clusterRoleEscalate, roles: ("clusterroles", clusterRoles), bindings: ("clusterrolebindings", crbs), to: ids.clusterAdmin)
        // CertificateSubjectRestriction (on by default) refuses `system:masters` for this signer:
        // the certificate names another subject bound to cluster-admin, if the export has one.
        // The signer writes the certificate into the CSR's status after approval: reading it back
        // needs get, list or watch.
        let masters = ids.group(KubernetesIDs.masters)
        if let b = bindings.first(where: { $0.namespace == nil && $0.isClusterAdmin && $0.subjects.contains { $0 != masters } }),
            let subject = b.subjects.first(where: { $0 != masters })
        {
            for reader in ["get", "list", "watch"] {
                escalate(
                    .csrApproveClientCertificate,
                    [
                        .init(action: act(certs, "certificatesigningrequests", "create"), resource: csrs),
                        .init(action: act(certs, "certificatesigningrequests/approval", "update"), resource: csrs),
                        .init(action: act(certs, "signers", "approve"), resource: signer),
                        .init(action: act(certs, "certificatesigningrequests", reader), resource: csrs),
                    ], to: ids.clusterAdmin,
                    condition:
                        "the certificate names \(subject), bound to cluster-admin by '\(b.name)' (CertificateSubjectRestriction refuses system:masters)",
                    origin: b.origin)
            }
        }
    }

    /// Per namespace: a new pod (created, or a controller rewritten), host access where Pod
    /// Security allows it or the namespace may be relabelled, a namespace admin, and the
    /// accounts' tokens.
    private mutating func addNamespaceEscalations() {
        let rbac = KubernetesCatalog.rbacGroup
        let act = Self.act
        let namespaceObjects = self.namespaceObjects
        if !namespaces.isEmpty { identity(ids.anyNode, .workload, resource: nil, nil) }
        for (t, ns) in namedTypes {
            if !t.namespaced {
                resource(ids.clusterScoped(t.name), t.criticality, nil)
            } else {
                for n in ns.map({ [$0] }) ?? namespaces.sorted() {
                    resource(ids.namespaced(n, t.name), criticality(type: t.name, namespace: n), nil)
                }
            }
        }
        let persistentVolumes = ids.clusterScoped("persistentvolumes")
        if !namespaces.isEmpty { resource(persistentVolumes, criticality(type: "persistentvolumes", namespace: nil), nil) }
        var workloadsByNamespace: [String: [(group: String, type: String, name: String, origin: SourceLocation)]] = [:]
        for w in workloads { workloadsByNamespace[w.namespace, default: []].append((w.group, w.type, w.name, w.origin)) }
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
            let level = Self.podSecurityLevel(namespaceObjects[ns])
            let hostAccess = !(level == "baseline" || level == "restricted")
            let assumption = hostAccessAssumption(ns, namespaceObjects)
            let anyNode = ids.anyNode
            let relabel = ["patch", "update"].map {
                Escalation.Requirement(action: act("", "namespaces", $0), resource: ids.namespaceObject(ns))
            }
            /// A move that runs a pod of one's choosing in `ns`: the new pod, and root on a node
            /// where Pod Security allows host access, or else once whoever may relabel the
            /// namespace has lifted its Pod Security level to privileged.
            func runsPod(
                _ m: inout KubernetesMapping, _ technique: KubernetesTechnique, _ host: KubernetesTechnique,
                _ req: Escalation.Requirement, _ at: SourceLocation?
            ) {
                m.escalate(technique, [req], to: pod, origin: at)
                if hostAccess {
                    m.escalate(host, [req], to: anyNode, condition: assumption, origin: at)
                } else {
                    for r in relabel { m.escalate(.namespaceRelabelHostAccess, [r, req], to: anyNode, origin: at) }
                }
            }
            let claims = ids.namespaced(ns, "persistentvolumeclaims")
            if !hostAccess { resource(claims, criticality(type: "persistentvolumeclaims", namespace: ns), nil) }
            for (g, t) in KubernetesCatalog.podCreatingTypes {
                let req = Escalation.Requirement(action: act(g, t, "create"), resource: ids.namespaced(ns, t))
                runsPod(&self, .podCreate, .podCreateHostAccess, req, origin)
                guard !hostAccess else { continue }
                // A hostPath PersistentVolume, claimed in the namespace, reaches the host's files
                // through a volume Pod Security does not see as hostPath.
                escalate(
                    .persistentVolumeHostPath,
                    [
                        .init(action: act("", "persistentvolumes", "create"), resource: persistentVolumes),
                        .init(action: act("", "persistentvolumeclaims", "create"), resource: claims), req,
                    ], to: ids.anyNode, origin: origin)
            }
            // Rewriting a controller's pod template makes the controller run the new pod; the
            // template may name any account of the namespace and mount any of its secrets.
            for (g, t) in KubernetesCatalog.rewritableTypes {
                for verb in ["update", "patch"] {
                    let rewrite = Escalation.Requirement(action: act(g, t, verb), resource: ids.namespaced(ns, t))
                    runsPod(&self, .workloadTemplateRewrite, .workloadRewriteHostAccess, rewrite, origin)
                }
            }
            for w in workloadsByNamespace[ns] ?? [] {
                for verb in ["update", "patch"] {
                    let rewrite = Escalation.Requirement(action: act(w.group, w.type, verb), resource: ids.namespaced(ns, w.type, w.name))
                    runsPod(&self, .workloadTemplateRewrite, .workloadRewriteHostAccess, rewrite, w.origin)
                }
            }
            let admin = ids.namespaceAdmin(ns)
            identity(admin, .service, resource: nil, origin)
            out.grants.append(Grant(to: admin, role: ids.resourceSuperuserRole, scope: ids.namespaceRoot(ns), origin: origin))
            let roles = ids.namespaced(ns, "roles"), rolebindings = ids.namespaced(ns, "rolebindings")
            let bindHere = bindTarget(namespace: ns, roleKind: .clusterRole, role: "cluster-admin")
            escalate(
                .roleBindingBindClusterAdmin,
                [
                    .init(action: act(rbac, "rolebindings", "create"), resource: rolebindings),
                    .init(action: act(rbac, "clusterroles", "bind"), resource: bindHere),
                ], to: admin, origin: origin)
            escalateByRewritingNewRole(
                .roleEscalate, roles: ("roles", roles), bindings: ("rolebindings", rolebindings), to: admin, origin: origin)
            for sa in serviceAccounts[ns] ?? [] {
                let id = ids.serviceAccount(ns, sa)
                escalate(
                    .serviceAccountTokenCreate,
                    [
                        .init(action: act("", "serviceaccounts/token", "create"), resource: ids.namespaced(ns, "serviceaccounts", sa))
                    ], to: id, origin: serviceAccountOrigin[id] ?? nil)
                // A secret of type service-account-token naming the account is filled with a
                // token, which get, list or watch returns.
                let secrets = ids.namespaced(ns, "secrets")
                for reader in ["get", "list", "watch"] {
                    escalate(
                        .tokenSecretCreate,
                        [
                            .init(action: act("", "secrets", "create"), resource: secrets),
                            .init(action: act("", "secrets", reader), resource: secrets),
                        ], to: id, origin: serviceAccountOrigin[id] ?? nil)
                }
            }
        }
    }

    /// New bindings of roles other than `cluster-admin`: every Role of the export in its
    /// namespace, and every ClusterRole a rule names for `bind` (unnamed, `bind` covers
    /// `cluster-admin`, whose moves give more), in each namespace and cluster-wide.
    private mutating func addRoleBindingEscalations() {
        let rbac = KubernetesCatalog.rbacGroup
        let act = Self.act
        var targets: [(namespace: String, kind: KubernetesCatalog.RoleKind, name: String, origin: SourceLocation?)] = []
        for o in objects {
            guard case .role = o.body, o.kind.text == "Role", let name = o.metadata.name?.text else { continue }
            targets.append((namespace(of: o), .role, name, o.at))
        }
        let clusterRoles = bindableClusterRoleOrder.filter { $0 != "cluster-admin" && roleIndex.contains(ids.clusterRole($0)) }
        for ns in namespaces.sorted() {
            for r in clusterRoles { targets.append((ns, .clusterRole, r, nil)) }
        }
        for t in targets {
            let bind = bindTarget(namespace: t.namespace, roleKind: t.kind, role: t.name)
            let requires: [Escalation.Requirement] = [
                .init(action: act(rbac, "rolebindings", "create"), resource: ids.namespaced(t.namespace, "rolebindings")),
                .init(action: act(rbac, t.kind.resource, "bind"), resource: bind),
            ]
            let to = holder(namespace: t.namespace, roleKind: t.kind, role: t.name, origin: t.origin)
            escalate(.roleBindingBindRole, requires, to: to, origin: t.origin)
        }
        for r in clusterRoles {
            let bind = bindTarget(namespace: nil, roleKind: .clusterRole, role: r)
            let to = holder(namespace: nil, roleKind: .clusterRole, role: r, origin: nil)
            escalate(
                .clusterRoleBindingBindRole,
                [
                    .init(action: act(rbac, "clusterrolebindings", "create"), resource: ids.clusterScoped("clusterrolebindings")),
                    .init(action: act(rbac, "clusterroles", "bind"), resource: bind),
                ], to: to)
        }
    }

    /// Existing bindings: adding oneself as a subject needs `bind` on the role; a subject allowed
    /// to rewrite its own role with `escalate` holds everything the binding's scope allows.
    private mutating func addBindingEscalations() {
        let rbac = KubernetesCatalog.rbacGroup
        for b in bindings {
            let (type, object) =
                b.namespace.map { ("rolebindings", ids.namespaced($0, "rolebindings", b.name)) }
                ?? ("clusterrolebindings", ids.clusterScoped("clusterrolebindings", b.name))
            let admin = b.namespace.map(ids.namespaceAdmin) ?? ids.clusterAdmin
            let bind = bindTarget(namespace: b.namespace, roleKind: b.roleKind, role: b.roleName)
            let target = b.isClusterAdmin ? admin : holder(namespace: b.namespace, roleKind: b.roleKind, role: b.roleName, origin: b.origin)
            let roleType = b.roleKind.resource
            for verb in ["update", "patch"] {
                escalate(
                    b.isClusterAdmin ? .bindingUpdateBindClusterAdmin : .bindingUpdateBindRole,
                    [
                        .init(action: Self.act(rbac, type, verb), resource: object),
                        .init(action: Self.act(rbac, roleType, "bind"), resource: bind),
                    ], to: target, origin: b.origin)
            }
            guard !b.isClusterAdmin else { continue }
            // The role itself: a Role in its namespace, a ClusterRole cluster-wide.
            let role =
                b.roleKind == .role
                ? ids.namespaced(b.namespace ?? "default", "roles", b.roleName) : ids.clusterScoped("clusterroles", b.roleName)
            resource(role, b.roleKind == .role ? .medium : .high, nil)
            for subject in b.subjects {
                for verb in ["update", "patch"] {
                    escalate(
                        .boundRoleEscalate,
                        [
                            .init(action: Self.act(rbac, roleType, verb), resource: role),
                            .init(action: Self.act(rbac, roleType, "escalate"), resource: role),
                        ], to: admin, from: subject, origin: b.origin)
                }
            }
        }
    }

    /// Nodes: the kubelet API through nodes/proxy, and the tokens of the pods each node runs.
    private mutating func addNodeEscalations(anyNode: Bool) {
        for n in nodes {
            let id = ids.node(n)
            if anyNode { out.assumes.append(Assume(from: ids.anyNode, to: id, origin: nodeOrigin[n] ?? nil)) }
            for verb in ["create", "get"] {
                escalate(
                    verb == "create" ? .nodesProxy : .nodesProxyWebsocketGet,
                    [.init(action: Self.act("", "nodes/proxy", verb), resource: ids.clusterScoped("nodes", n))],
                    to: id, origin: nodeOrigin[n] ?? nil)
            }
            var seen: Set<String> = []
            for sa in podsOnNode[n] ?? [] where seen.insert(sa).inserted {
                out.assumes.append(Assume(from: id, to: sa, origin: nodeOrigin[n] ?? nil))
            }
        }
    }

    /// The service-account resources whose impersonation group impersonation may use. A Role's
    /// rule reaches its namespace's accounts. A ClusterRole's reaches those of each namespace
    /// where a RoleBinding (or a holder) grants it, and, granted cluster-wide, any account: one
    /// namespace's stands for all, so that `cluster-admin` adds one target, not one per namespace.
    private func impersonableAccountTargets() -> [String] {
        let sorted = namespaces.sorted()
        var out: [String] = []
        for rule in impersonableServiceAccounts {
            var scopes: [(namespace: String, anyOne: Bool)]
            if let ns = rule.namespace {
                scopes = [(ns, false)]
            } else {
                let bound = bindings.filter { $0.roleKind == .clusterRole && $0.roleName == rule.role }
                let held = Set(bound.compactMap(\.namespace))
                scopes = sorted.filter { held.contains($0) || bindableClusterRoles.contains(rule.role) }.map { ($0, false) }
                if bound.contains(where: { $0.namespace == nil }) { scopes.append(contentsOf: sorted.map { ($0, true) }) }
            }
            var tookAnyOne = false
            for (n, anyOne) in scopes where !(anyOne && tookAnyOne) {
                // A Role's names need not exist (impersonation checks no object); a ClusterRole's
                // names are matched against the export's accounts.
                let known = serviceAccounts[n] ?? []
                let targets =
                    rule.names.isEmpty
                    ? [ids.namespaced(n, "serviceaccounts")]
                    : rule.names.filter { rule.namespace != nil || known.contains($0) }.map { ids.namespaced(n, "serviceaccounts", $0) }
                out += targets
                if anyOne && !targets.isEmpty { tookAnyOne = true }
            }
        }
        return out
    }

    /// Groups: impersonating a user (any user, one a rule names, or a service account, whose
    /// username is `system:serviceaccount:<ns>:<name>`) with extra groups yields any group's
    /// permissions.
    private mutating func addGroupEscalations() {
        var users: [Escalation.Requirement] = [.init(action: Self.act("", "users", "impersonate"), resource: ids.clusterScoped("users"))]
        for name in impersonableUserOrder {
            let id = ids.clusterScoped("users", name)
            resource(id, .medium, nil)
            users.append(.init(action: Self.act("", "users", "impersonate"), resource: id))
        }
        let accounts = impersonableAccountTargets()
        var seenAccounts: Set<String> = []
        for a in accounts where seenAccounts.insert(a).inserted {
            resource(a, .medium, nil)
            users.append(.init(action: Self.act("", "serviceaccounts", "impersonate"), resource: a))
        }
        for g in groupOrder {
            let name = String(g.dropFirst("k8s:\(ids.cluster):group:".count))
            let builtin =
                name == KubernetesIDs.authenticated || name == "system:unauthenticated" || name == KubernetesIDs.nodes
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
            for user in users {
                escalate(
                    .impersonateGroup, [user, .init(action: Self.act("", "groups", "impersonate"), resource: groupResource)],
                    to: target, origin: groupOrigin[g])
            }
        }
    }
}
