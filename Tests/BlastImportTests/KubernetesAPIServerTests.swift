import BlastCore
@testable import BlastImport
import BlastTestSupport
import Testing

private typealias Y = KubernetesYAML
private typealias C = KubernetesCluster

/// Issue 14: the routes the API server allows (or refuses) that blast used to miss (or invent).
/// Each test states the expected answer and the Kubernetes rule behind it before asking.
@Suite("Kubernetes escalations as the API server decides them")
struct KubernetesAPIServerTests {
    private let me = C.attacker
    private let rbac = "rbac.authorization.k8s.io"

    /// A node running a pod of another namespace's account: what root on any node reaches.
    private var nodeWithPod: [String] { [Y.node("n1"), Y.pod("b", "web", serviceAccount: "web-sa", node: "n1")] }

    /// A Role in `a` bound to the attacker (a RoleBinding in `a`).
    private func withRole(_ rules: [String], _ extra: [String]) throws -> C {
        try C(
            ([Y.role("a", "tenant", rules), Y.binding("a", "tenant", roleKind: "Role", role: "tenant", [Y.saSubject("a", "attacker")])]
                + extra).joined(separator: "\n---\n"))
    }

    // MARK: 1. Namespace modification lifts Pod Security

    @Test("a Role in N with patch on namespaces covers Namespace N: relabelling its Pod Security to privileged lets a pod take a node")
    func namespaceRelabel() throws {
        // Expected: yes. A request on /api/v1/namespaces/a carries namespace a, so the Role applies;
        // with the label lifted, the pod it may create can run privileged.
        let c = try withRole(
            [
                "{apiGroups: [\"\"], resources: [namespaces], verbs: [get, patch]}",
                "{apiGroups: [\"\"], resources: [pods], verbs: [create]}",
            ], [Y.namespace("a", enforce: "restricted")] + nodeWithPod)
        #expect(try c.can(me, "core:namespaces:patch", on: C.resource("a", "namespaces", "a")))
        #expect(try c.techniques(me, to: "k8s:cluster:any-node") == ["k8s.namespace-relabel-host-access"])
        #expect(try c.reaches(me, C.sa("b", "web-sa")))
        #expect(!c.notes.contains { $0.message.contains("'namespaces' is cluster-scoped") })
    }

    @Test("relabelling then rewriting one controller (no create) also takes a node")
    func namespaceRelabelThenRewrite() throws {
        let c = try withRole(
            [
                "{apiGroups: [\"\"], resources: [namespaces], resourceNames: [a], verbs: [patch]}",
                "{apiGroups: [apps], resources: [deployments], resourceNames: [web], verbs: [patch]}",
            ], [Y.namespace("a", enforce: "baseline"), Y.workload("Deployment", "a", "web", serviceAccount: "web-sa")] + nodeWithPod)
        #expect(try c.techniques(me, to: "k8s:cluster:any-node") == ["k8s.namespace-relabel-host-access"])
    }

    @Test("near misses: patch on another namespace's object, or relabelling without creating pods, is no node")
    func namespaceRelabelNearMiss() throws {
        // Expected: no. resourceNames [b] names Namespace b, not a; and without create on a
        // pod-creating type a lifted label runs nothing.
        let other = try withRole(
            [
                "{apiGroups: [\"\"], resources: [namespaces], resourceNames: [b], verbs: [patch, update]}",
                "{apiGroups: [\"\"], resources: [pods], verbs: [create]}",
            ], [Y.namespace("a", enforce: "baseline"), Y.namespace("b", enforce: "baseline")] + nodeWithPod)
        #expect(try !other.reaches(me, "k8s:cluster:any-node"))
        let noPods = try withRole(
            ["{apiGroups: [\"\"], resources: [namespaces], verbs: [patch]}"], [Y.namespace("a", enforce: "restricted")] + nodeWithPod)
        #expect(try !noPods.reaches(me, "k8s:cluster:any-node"))
    }

    @Test(
        "host access through an unlabelled namespace states its assumption (the cluster default) on the path; an explicit privileged label needs none"
    )
    func hostAccessAssumption() throws {
        let pods = ["{apiGroups: [\"\"], resources: [pods], verbs: [create]}"]
        let unlabelled = try C.attacking(pods, [Y.namespace("a")] + nodeWithPod)
        let step = try #require(try unlabelled.path(me, to: "k8s:cluster:any-node")?.last)
        #expect(step.terms?.condition?.contains("no pod-security.kubernetes.io/enforce label") == true)
        let privileged = try C.attacking(pods, [Y.namespace("a", enforce: "privileged")] + nodeWithPod)
        let explicit = try #require(try privileged.path(me, to: "k8s:cluster:any-node")?.last)
        #expect(explicit.terms == nil)
    }

    @Test(
        "RBAC good practices, persistent volume creation: a hostPath PV, claimed and mounted, takes a node where Pod Security forbids hostPath volumes"
    )
    func persistentVolumeHostPath() throws {
        // Expected: yes. Pod Security checks the pod's volumes, and a claim is no hostPath volume.
        // Without create on persistentvolumes (or on the claims) there is no such volume.
        let pv = "{apiGroups: [\"\"], resources: [persistentvolumes], verbs: [create]}"
        let rest = [
            "{apiGroups: [\"\"], resources: [persistentvolumeclaims], verbs: [create]}",
            "{apiGroups: [apps], resources: [deployments], verbs: [create]}",
        ]
        let guarded = [Y.namespace("a", enforce: "restricted"), Y.namespace("b", enforce: "baseline")] + nodeWithPod
        let c = try C.attacking([pv] + rest, cluster: true, guarded)
        #expect(try c.techniques(me, to: "k8s:cluster:any-node") == ["k8s.persistentvolume-hostpath"])
        #expect(try c.reaches(me, C.sa("b", "web-sa")))
        let noPV = try C.attacking(rest, cluster: true, guarded)
        #expect(try !noPV.reaches(me, "k8s:cluster:any-node"))
    }

    // MARK: 2. bind on roles other than cluster-admin

    /// The `admin` ClusterRole, cut to what the tests read.
    private let admin = Y.role(
        nil, "admin",
        [
            "{apiGroups: [\"\"], resources: [secrets, pods, pods/exec], verbs: [create, delete, get, list, patch, update, watch]}",
            "{apiGroups: [apps], resources: [deployments], verbs: [create, delete, get, list, patch, update, watch]}",
        ])

    @Test("the docs' role-grantor: create rolebindings + bind on admin lets a subject bind admin to itself in its namespace")
    func bindAdmin() throws {
        // Expected: the secrets of `a` (admin bound in a), not those of `b`, and not namespace-admin
        // (bind names admin, edit and view only, never cluster-admin).
        let c = try C.attacking(
            [
                "{apiGroups: [\(rbac)], resources: [rolebindings], verbs: [create]}",
                "{apiGroups: [\(rbac)], resources: [clusterroles], verbs: [bind], resourceNames: [admin, edit, view]}",
            ], [admin, Y.secret("a", "s1"), Y.secret("b", "s2")])
        #expect(try c.can(me, "core:secrets:get", on: C.resource("a", "secrets", "s1")))
        #expect(try c.techniques(me, to: "k8s:cluster:holder:a:clusterrole:admin") == ["k8s.rolebinding-bind-role"])
        #expect(try !c.can(me, "core:secrets:get", on: C.resource("b", "secrets", "s2")))
        #expect(try !c.reaches(me, "k8s:cluster:namespace-admin:a"))
    }

    @Test("cluster-wide: create clusterrolebindings + bind on admin is admin everywhere; bind on view only reads nothing secret")
    func bindAdminClusterWide() throws {
        let bind = { (role: String) in
            [
                "{apiGroups: [\(self.rbac)], resources: [clusterrolebindings], verbs: [create]}",
                "{apiGroups: [\(self.rbac)], resources: [clusterroles], verbs: [bind], resourceNames: [\(role)]}",
            ]
        }
        let view = Y.role(nil, "view", ["{apiGroups: [\"\"], resources: [pods], verbs: [get, list, watch]}"])
        let c = try C.attacking(bind("admin"), cluster: true, [admin, view, Y.secret("b", "s2")])
        #expect(try c.techniques(me, to: "k8s:cluster:holder:clusterrole:admin") == ["k8s.clusterrolebinding-bind-role"])
        #expect(try c.can(me, "core:secrets:get", on: C.resource("b", "secrets", "s2")))
        let viewer = try C.attacking(bind("view"), cluster: true, [admin, view, Y.secret("b", "s2")])
        #expect(try !viewer.can(me, "core:secrets:get", on: C.resource("b", "secrets", "s2")))
    }

    @Test("bind on a Role by name: its permissions in its namespace; bind on another Role gives nothing")
    func bindRole() throws {
        let deployer = Y.role("a", "deployer", ["{apiGroups: [\"\"], resources: [secrets], verbs: [get]}"])
        func grantor(_ role: String) throws -> C {
            try C.attacking(
                [
                    "{apiGroups: [\(rbac)], resources: [rolebindings], verbs: [create]}",
                    "{apiGroups: [\(rbac)], resources: [roles], verbs: [bind], resourceNames: [\(role)]}",
                ], [deployer, Y.secret("a", "s1")])
        }
        #expect(try grantor("deployer").can(me, "core:secrets:get", on: C.resource("a", "secrets", "s1")))
        #expect(try !grantor("reader").can(me, "core:secrets:get", on: C.resource("a", "secrets", "s1")))
    }

    @Test("update on an existing binding of admin, with bind on admin, adds oneself to it; without bind it does not")
    func joinAdminBinding() throws {
        let existing = Y.binding("a", "team-admins", role: "admin", ["{kind: Group, name: team-a}"])
        let joiner = try C.attacking(
            [
                "{apiGroups: [\(rbac)], resources: [rolebindings], resourceNames: [team-admins], verbs: [get, update]}",
                "{apiGroups: [\(rbac)], resources: [clusterroles], resourceNames: [admin], verbs: [bind]}",
            ], [admin, existing, Y.secret("a", "s1")])
        #expect(try joiner.techniques(me, to: "k8s:cluster:holder:a:clusterrole:admin") == ["k8s.binding-update-bind-role"])
        #expect(try joiner.can(me, "core:secrets:get", on: C.resource("a", "secrets", "s1")))
        let noBind = try C.attacking(
            ["{apiGroups: [\(rbac)], resources: [rolebindings], resourceNames: [team-admins], verbs: [get, update, patch]}"],
            [admin, existing, Y.secret("a", "s1")])
        #expect(try !noBind.can(me, "core:secrets:get", on: C.resource("a", "secrets", "s1")))
    }

    // MARK: 3. Group impersonation with a named user

    @Test("the docs' limited impersonator: impersonate on one user and on named groups yields those groups")
    func impersonateGroupWithNamedUser() throws {
        // Expected: member of developers (named), not of ops (unnamed): Impersonate-Group needs
        // Impersonate-User, and any user the subject may impersonate will do.
        let c = try C.attacking(
            [
                "{apiGroups: [\"\"], resources: [users], verbs: [impersonate], resourceNames: [jane.doe@example.com]}",
                "{apiGroups: [\"\"], resources: [groups], verbs: [impersonate], resourceNames: [developers, admins]}",
            ], cluster: true,
            [
                Y.binding(nil, "devs", role: "attack", ["{kind: Group, name: developers}"]),
                Y.binding(nil, "ops", role: "attack", ["{kind: Group, name: ops}"]),
            ])
        #expect(try c.techniques(me, to: "k8s:cluster:member-of:developers") == ["k8s.impersonate-group"])
        #expect(try !c.reaches(me, "k8s:cluster:member-of:ops"))
    }

    @Test("near miss: impersonate on named groups and get on a user is no impersonation")
    func impersonateGroupWithoutUser() throws {
        let c = try C.attacking(
            [
                "{apiGroups: [\"\"], resources: [users], verbs: [get], resourceNames: [jane.doe@example.com]}",
                "{apiGroups: [\"\"], resources: [groups], verbs: [impersonate], resourceNames: [developers]}",
            ], cluster: true, [Y.binding(nil, "devs", role: "attack", ["{kind: Group, name: developers}"])])
        #expect(try !c.reaches(me, "k8s:cluster:member-of:developers"))
    }

    @Test("a service account is a user too: impersonate on one account and on a group yields the group")
    func impersonateGroupAsServiceAccount() throws {
        // Expected: yes, whether the account is in the export (a/robot) or not (b/robot):
        // impersonation (username system:serviceaccount:<ns>:<name>) checks the permission, not
        // that the account exists. A token for the account is no impersonation: it acts as the
        // account, without extra groups.
        func impersonator(in ns: String, _ rule: String) throws -> C {
            try C(
                Y.file(
                    Y.role(ns, "sa-impersonator", [rule]),
                    Y.binding(ns, "sa-impersonator", roleKind: "Role", role: "sa-impersonator", [Y.saSubject("a", "attacker")]),
                    Y.role(
                        nil, "group-impersonator",
                        ["{apiGroups: [\"\"], resources: [groups], verbs: [impersonate], resourceNames: [developers]}"]),
                    Y.binding(nil, "group-impersonator", role: "group-impersonator", [Y.saSubject("a", "attacker")]),
                    Y.binding(nil, "devs", role: "group-impersonator", ["{kind: Group, name: developers}"]),
                    Y.serviceAccount("a", "robot")))
        }
        let impersonate = "{apiGroups: [\"\"], resources: [serviceaccounts], verbs: [impersonate], resourceNames: [robot]}"
        for ns in ["a", "b"] {
            #expect(
                try impersonator(in: ns, impersonate).techniques(me, to: "k8s:cluster:member-of:developers") == ["k8s.impersonate-group"])
        }
        let token = "{apiGroups: [\"\"], resources: [serviceaccounts/token], verbs: [create], resourceNames: [robot]}"
        let tokens = try impersonator(in: "a", token)
        #expect(try tokens.reaches(me, C.sa("a", "robot")))
        #expect(try !tokens.reaches(me, "k8s:cluster:member-of:developers"))
    }

    @Test("granted cluster-wide, impersonating any service account and any group yields the group, through one account collection")
    func impersonateGroupAsAnyServiceAccount() throws {
        let namespaces = (0..<5).map { Y.serviceAccount("ns\($0)", "default") }
        let c = try C.attacking(
            ["{apiGroups: [\"\"], resources: [serviceaccounts, groups], verbs: [impersonate]}"], cluster: true,
            [Y.binding(nil, "devs", role: "view", ["{kind: Group, name: developers}"])] + namespaces)
        #expect(try c.techniques(me, to: "k8s:cluster:member-of:developers") == ["k8s.impersonate-group"])
        // The users collection and one namespace's accounts, not one per namespace.
        #expect(c.model.escalations.filter { $0.to == "k8s:cluster:member-of:developers" }.count == 2)
    }

    // MARK: 4. escalate on one's own role

    @Test("update (or patch) + escalate on the Role one is bound to: admin of its namespace, at once")
    func escalateOwnRole() throws {
        for verb in ["update", "patch"] {
            let c = try withRole(
                ["{apiGroups: [\(rbac)], resources: [roles], resourceNames: [tenant], verbs: [get, \(verb), escalate]}"],
                [Y.secret("a", "s1"), Y.secret("b", "s2")])
            #expect(try c.techniques(me, to: "k8s:cluster:namespace-admin:a") == ["k8s.bound-role-escalate"], "\(verb)")
            #expect(try !c.can(me, "core:secrets:get", on: C.resource("b", "secrets", "s2")))
        }
    }

    @Test("a ClusterRole bound by a ClusterRoleBinding, rewritten with escalate: cluster-admin")
    func escalateOwnClusterRole() throws {
        let c = try C.attacking(
            ["{apiGroups: [\(rbac)], resources: [clusterroles], resourceNames: [attack], verbs: [update, escalate]}"], cluster: true, [])
        #expect(try c.techniques(me, to: "k8s:cluster:cluster-admin") == ["k8s.bound-role-escalate"])
    }

    @Test("near misses: update without escalate, or escalate on a role one is not bound to")
    func escalateOwnRoleNearMiss() throws {
        // Expected: no. Without escalate an update may only add what one holds; rewriting a
        // role bound to someone else helps them, not the subject.
        let noEscalate = try withRole(["{apiGroups: [\(rbac)], resources: [roles], resourceNames: [tenant], verbs: [update, patch]}"], [])
        #expect(try !noEscalate.reaches(me, "k8s:cluster:namespace-admin:a"))
        let others = try withRole(
            ["{apiGroups: [\(rbac)], resources: [roles], resourceNames: [other], verbs: [update, escalate]}"],
            [
                Y.role("a", "other", ["{apiGroups: [\"\"], resources: [configmaps], verbs: [get]}"]),
                Y.binding("a", "other", roleKind: "Role", role: "other", [Y.saSubject("a", "someone")]),
            ])
        #expect(try !others.reaches(me, "k8s:cluster:namespace-admin:a"))
    }

    // MARK: 5. Rewriting one named workload

    @Test(
        "patch on one named controller rewrites its pod template: the namespace's accounts",
        arguments: ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "CronJob"])
    func rewriteNamedWorkload(kind: String) throws {
        let (group, type) = kind == "CronJob" ? ("batch", "cronjobs") : ("apps", kind.lowercased() + "s")
        let c = try C.attacking(
            ["{apiGroups: [\(group)], resources: [\(type)], resourceNames: [web], verbs: [get, patch]}"],
            [
                Y.namespace("a", enforce: "baseline"), Y.serviceAccount("a", "web-sa"),
                Y.workload(kind, "a", "web", serviceAccount: "web-sa"),
            ])
        #expect(try c.techniques(me, to: C.sa("a", "web-sa")) == ["k8s.workload-template-rewrite"])
    }

    @Test("a rewritten workload runs host pods where Pod Security allows: root on a node")
    func rewriteNamedWorkloadHostAccess() throws {
        let c = try C.attacking(
            ["{apiGroups: [apps], resources: [deployments], resourceNames: [web], verbs: [update]}"],
            [Y.namespace("a", enforce: "privileged"), Y.workload("Deployment", "a", "web", serviceAccount: "web-sa")] + nodeWithPod)
        #expect(try c.techniques(me, to: "k8s:cluster:any-node") == ["k8s.workload-rewrite-host-access"])
        #expect(try c.reaches(me, C.sa("b", "web-sa")))
    }

    @Test("near misses: a Job's template is immutable; the scale subresource and another controller's name rewrite nothing")
    func rewriteNamedWorkloadNearMiss() throws {
        let job = try C.attacking(
            ["{apiGroups: [batch], resources: [jobs], resourceNames: [web], verbs: [patch, update]}"],
            [Y.serviceAccount("a", "web-sa"), Y.workload("Job", "a", "web", serviceAccount: "web-sa")])
        #expect(try !job.reaches(me, C.sa("a", "web-sa")))
        let scale = try C.attacking(
            ["{apiGroups: [apps], resources: [deployments/scale], resourceNames: [web], verbs: [patch, update]}"],
            [Y.serviceAccount("a", "web-sa"), Y.workload("Deployment", "a", "web", serviceAccount: "web-sa")])
        #expect(try !scale.reaches(me, C.sa("a", "web-sa")))
        let otherName = try C.attacking(
            ["{apiGroups: [apps], resources: [deployments], resourceNames: [api], verbs: [patch]}"],
            [Y.serviceAccount("a", "web-sa"), Y.workload("Deployment", "a", "web", serviceAccount: "web-sa")])
        #expect(try !otherName.reaches(me, C.sa("a", "web-sa")))
    }

    // MARK: 6. Minting a token secret, read by list or watch

    @Test("create + list (or watch) on secrets mints a token secret for any account of the namespace")
    func mintTokenWithList() throws {
        for verb in ["list", "watch"] {
            let c = try C.attacking(
                ["{apiGroups: [\"\"], resources: [secrets], verbs: [create, \(verb)]}"], [Y.serviceAccount("a", "builder")])
            #expect(try c.techniques(me, to: C.sa("a", "builder")) == ["k8s.token-secret-create"], "\(verb)")
        }
        let blind = try C.attacking(
            ["{apiGroups: [\"\"], resources: [secrets], verbs: [create, delete, update]}"], [Y.serviceAccount("a", "builder")])
        #expect(try !blind.reaches(me, C.sa("a", "builder")))
    }

    // MARK: 7. Invalidated legacy tokens

    @Test("a token secret labelled legacy-token-invalid-since is rejected by the API server: no pivot, and a note")
    func invalidatedToken() throws {
        let c = try C.attacking(
            ["{apiGroups: [\"\"], resources: [secrets], verbs: [get]}"],
            [
                Y.serviceAccount("a", "admin"),
                Y.tokenSecret("a", "old-token", of: "admin", labels: ["kubernetes.io/legacy-token-invalid-since": "2026-01-15"]),
            ])
        #expect(try !c.reaches(me, C.sa("a", "admin")))
        #expect(c.notes.contains { $0.message.contains("kubernetes.io/legacy-token-invalid-since=2026-01-15") })
    }

    @Test(
        "legacy-token-last-used dates the token's last use (for the stale-credential rule); a token without the cleaner's label still pivots"
    )
    func lastUsedToken() throws {
        let c = try C.attacking(
            ["{apiGroups: [\"\"], resources: [secrets], verbs: [get]}"],
            [Y.tokenSecret("a", "used-token", of: "admin", labels: ["kubernetes.io/legacy-token-last-used": "2026-02-01"])])
        #expect(try c.reaches(me, C.sa("a", "admin")))
        #expect(c.model.credentials.first { $0.id == "k8s:cluster:token:a:used-token" }?.lastUsed == Fixtures.date("2026-02-01"))
        let garbled = try C.attacking(
            ["{apiGroups: [\"\"], resources: [secrets], verbs: [get]}"],
            [Y.tokenSecret("a", "t", of: "admin", labels: ["kubernetes.io/legacy-token-last-used": "last-tuesday"])])
        #expect(garbled.notes.contains { $0.message.contains("'last-tuesday' is not a date") })
    }

    // MARK: 8. Exec into a finished pod

    @Test("exec into a Succeeded or Failed pod reveals nothing; into a Running one, its token")
    func execFinishedPod() throws {
        let exec = ["{apiGroups: [\"\"], resources: [pods/exec], verbs: [create]}"]
        for phase in ["Succeeded", "Failed"] {
            let c = try C.attacking(exec, [Y.pod("a", "migrate", serviceAccount: "migrator", phase: phase)])
            #expect(try !c.reaches(me, C.sa("a", "migrator")), "\(phase)")
        }
        let running = try C.attacking(exec, [Y.pod("a", "migrate", serviceAccount: "migrator", phase: "Running")])
        #expect(try running.reaches(me, C.sa("a", "migrator")))
    }

    @Test(
        "update or patch on pods/ephemeralcontainers (an ephemeral container, as kubectl debug adds) or on the pod (a new image) runs code with the pod's token",
        arguments: ["pods/ephemeralcontainers", "pods"])
    func rewriteRunningPod(resource: String) throws {
        for verb in ["patch", "update"] {
            let c = try C.attacking(
                ["{apiGroups: [\"\"], resources: [\(resource)], resourceNames: [web], verbs: [get, \(verb)]}"],
                [Y.pod("a", "web", serviceAccount: "web-sa", phase: "Running"), Y.pod("a", "db", serviceAccount: "db-sa")])
            #expect(try c.reaches(me, C.sa("a", "web-sa")), "\(verb)")
            #expect(try !c.reaches(me, C.sa("a", "db-sa")), "\(verb)")
        }
        // Near misses: a finished pod runs nothing, and the status subresource changes nothing that runs.
        let finished = try C.attacking(
            ["{apiGroups: [\"\"], resources: [\(resource)], verbs: [patch]}"],
            [Y.pod("a", "web", serviceAccount: "web-sa", phase: "Succeeded")])
        #expect(try !finished.reaches(me, C.sa("a", "web-sa")))
        let status = try C.attacking(
            ["{apiGroups: [\"\"], resources: [pods/status], verbs: [patch, update]}"], [Y.pod("a", "web", serviceAccount: "web-sa")])
        #expect(try !status.reaches(me, C.sa("a", "web-sa")))
    }
}
