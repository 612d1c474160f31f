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

    /// Whether Pod Security admission lets new pods in the namespace use host access: its `enforce`
    /// level is not `baseline` or `restricted` (a namespace absent from the export counts as privileged).
    private static func podSecurityAllowsHostAccess(_ namespace: RawKubernetesObject?) -> Bool {
        let level = namespace?.metadata.labels["pod-security.kubernetes.io/enforce"]?.text
        return !(level == "baseline" || level == "restricted")
    }

    private static func act(_ g: String, _ r: String, _ v: String) -> String { KubernetesCatalog.action(group: g, resource: r, verb: v) }

    private mutating func escalate(
        _ technique: KubernetesTechnique, _ requires: [Escalation.Requirement], to target: String,
        origin: SourceLocation? = nil
    ) {
        out.escalations.append(Escalation(technique: technique.rawValue, requires: requires, to: target, origin: origin))
    }

    /// Every technique, in a fixed order: cluster-wide, per namespace, existing `cluster-admin`
    /// bindings, nodes, groups.
    mutating func addEscalations() {
        addClusterEscalations()
        let hostAccess = addNamespaceEscalations()
        addBindingEscalations()
        addNodeEscalations(hostAccess: !hostAccess.isEmpty)
        addGroupEscalations()
    }

    /// Synthetic roles and cluster-wide targets: binding or escalating to `cluster-admin`, and a
    /// client certificate for `system:masters`.
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

        escalate(
            .clusterRoleBindingBindClusterAdmin,
            [
                .init(action: act(rbac, "clusterrolebindings", "create"), resource: crbs),
                .init(action: act(rbac, "clusterroles", "bind"), resource: clusterAdminRole),
            ], to: ids.clusterAdmin)
        escalate(
            .clusterRoleEscalate,
            [
                .init(action: act(rbac, "clusterroles", "create"), resource: clusterRoles),
                .init(action: act(rbac, "clusterrolebindings", "create"), resource: crbs),
                .init(action: act(rbac, "clusterroles", "update"), resource: clusterRoles),
                .init(action: act(rbac, "clusterroles", "escalate"), resource: clusterRoles),
            ], to: ids.clusterAdmin)
        escalate(
            .csrApproveClientCertificate,
            [
                .init(action: act(certs, "certificatesigningrequests", "create"), resource: csrs),
                .init(action: act(certs, "certificatesigningrequests/approval", "update"), resource: csrs),
                .init(action: act(certs, "signers", "approve"), resource: signer),
            ], to: ids.clusterAdmin)
    }

    /// Per namespace: a new pod, a namespace admin, host access, and the accounts' tokens.
    /// Returns the namespaces whose new pods may use host access.
    private mutating func addNamespaceEscalations() -> Set<String> {
        let rbac = KubernetesCatalog.rbacGroup
        let act = Self.act
        let namespaceObjects = self.namespaceObjects
        let hostAccess = Set(namespaces.filter { Self.podSecurityAllowsHostAccess(namespaceObjects[$0]) })
        if !hostAccess.isEmpty { identity(ids.anyNode, .workload, resource: nil, nil) }
        for (t, ns) in namedTypes {
            if !t.namespaced {
                resource(ids.clusterScoped(t.name), t.criticality, nil)
            } else {
                for n in ns.map({ [$0] }) ?? namespaces.sorted() {
                    resource(ids.namespaced(n, t.name), criticality(type: t.name, namespace: n), nil)
                }
            }
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
                escalate(.podCreate, [req], to: pod, origin: origin)
                if hostAccess.contains(ns) {
                    escalate(.podCreateHostAccess, [req], to: ids.anyNode, origin: origin)
                }
                // Rewriting a controller's pod template makes the controller run the new pod.
                guard t != "pods" else { continue }
                for verb in ["update", "patch"] {
                    let rewrite = Escalation.Requirement(action: act(g, t, verb), resource: ids.namespaced(ns, t))
                    escalate(.workloadTemplateRewrite, [rewrite], to: pod, origin: origin)
                }
            }
            let admin = ids.namespaceAdmin(ns)
            identity(admin, .service, resource: nil, origin)
            out.grants.append(Grant(to: admin, role: ids.resourceSuperuserRole, scope: ids.namespaceRoot(ns), origin: origin))
            let roles = ids.namespaced(ns, "roles"), bindings = ids.namespaced(ns, "rolebindings")
            let bindHere = ids.namespaced(ns, "clusterroles", "cluster-admin")
            resource(bindHere, .high, nil)
            escalate(
                .roleBindingBindClusterAdmin,
                [
                    .init(action: act(rbac, "rolebindings", "create"), resource: bindings),
                    .init(action: act(rbac, "clusterroles", "bind"), resource: bindHere),
                ], to: admin, origin: origin)
            escalate(
                .roleEscalate,
                [
                    .init(action: act(rbac, "roles", "create"), resource: roles),
                    .init(action: act(rbac, "rolebindings", "create"), resource: bindings),
                    .init(action: act(rbac, "roles", "update"), resource: roles),
                    .init(action: act(rbac, "roles", "escalate"), resource: roles),
                ], to: admin, origin: origin)
            for sa in serviceAccounts[ns] ?? [] {
                let id = ids.serviceAccount(ns, sa)
                escalate(
                    .serviceAccountTokenCreate,
                    [
                        .init(action: act("", "serviceaccounts/token", "create"), resource: ids.namespaced(ns, "serviceaccounts", sa))
                    ], to: id, origin: serviceAccountOrigin[id] ?? nil)
                // A secret of type service-account-token naming the account is filled with a token.
                let secrets = ids.namespaced(ns, "secrets")
                escalate(
                    .tokenSecretCreate,
                    [
                        .init(action: act("", "secrets", "create"), resource: secrets),
                        .init(action: act("", "secrets", "get"), resource: secrets),
                    ], to: id, origin: serviceAccountOrigin[id] ?? nil)
            }
        }
        return hostAccess
    }

    /// Existing bindings of cluster-admin: adding oneself as a subject needs bind on the role.
    private mutating func addBindingEscalations() {
        let rbac = KubernetesCatalog.rbacGroup
        let clusterAdminRole = ids.clusterScoped("clusterroles", "cluster-admin")
        for b in clusterAdminBindings {
            let (type, object, bind, target) =
                b.namespace.map {
                    (
                        "rolebindings", ids.namespaced($0, "rolebindings", b.name), ids.namespaced($0, "clusterroles", "cluster-admin"),
                        ids.namespaceAdmin($0)
                    )
                } ?? ("clusterrolebindings", ids.clusterScoped("clusterrolebindings", b.name), clusterAdminRole, ids.clusterAdmin)
            for verb in ["update", "patch"] {
                escalate(
                    .bindingUpdateBindClusterAdmin,
                    [
                        .init(action: Self.act(rbac, type, verb), resource: object),
                        .init(action: Self.act(rbac, "clusterroles", "bind"), resource: bind),
                    ], to: target, origin: b.origin)
            }
        }
    }

    /// Nodes: the kubelet API through nodes/proxy, and the tokens of the pods each node runs.
    private mutating func addNodeEscalations(hostAccess: Bool) {
        for n in nodes {
            let id = ids.node(n)
            if hostAccess { out.assumes.append(Assume(from: ids.anyNode, to: id, origin: nodeOrigin[n] ?? nil)) }
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

    /// Groups: impersonating a user with extra groups yields any group's permissions.
    private mutating func addGroupEscalations() {
        let usersCollection = ids.clusterScoped("users")
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
            escalate(
                .impersonateGroup,
                [
                    .init(action: Self.act("", "users", "impersonate"), resource: usersCollection),
                    .init(action: Self.act("", "groups", "impersonate"), resource: groupResource),
                ], to: target, origin: groupOrigin[g])
        }
    }
}
