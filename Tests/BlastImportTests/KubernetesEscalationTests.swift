import BlastCore
@testable import BlastImport
import BlastTestSupport
import Testing

private typealias Y = KubernetesYAML
private typealias C = KubernetesCluster

/// Section 3 of the importer's contract: the moves from one Kubernetes identity to another.
@Suite("Kubernetes escalations and pivots")
struct KubernetesEscalationTests {
    /// A service account `a/attacker` holding the given rules through a RoleBinding in `a`
    /// (`cluster: true` for a ClusterRoleBinding instead), plus `extra` objects.
    private func attacker(_ rules: [String], cluster: Bool = false, _ extra: String...) throws -> C {
        try C.attacking(rules, cluster: cluster, extra)
    }
    private let me = C.attacker

    // MARK: Secrets

    @Test("reading a service-account-token secret yields its service account")
    func tokenSecret() throws {
        let c = try attacker(
            ["{apiGroups: [\"\"], resources: [secrets], resourceNames: [admin-token], verbs: [get]}"],
            Y.secret(
                "a", "admin-token", type: "kubernetes.io/service-account-token",
                annotations: ["kubernetes.io/service-account.name": "admin"]),
            Y.secret(
                "a", "other-token", type: "kubernetes.io/service-account-token",
                annotations: ["kubernetes.io/service-account.name": "other"]))
        #expect(try c.reaches(me, C.sa("a", "admin")))
        #expect(try c.reaches(me, "k8s:cluster:token:a:admin-token"))
        #expect(try !c.reaches(me, C.sa("a", "other")))
    }

    @Test("list or watch on a namespace's secrets yields every token in it; create does not")
    func listSecrets() throws {
        let token = Y.secret(
            "a", "t", type: "kubernetes.io/service-account-token",
            annotations: ["kubernetes.io/service-account.name": "admin"])
        for verb in ["list", "watch"] {
            let c = try attacker(["{apiGroups: [\"\"], resources: [secrets], verbs: [\(verb)]}"], token)
            #expect(try c.reaches(me, C.sa("a", "admin")), "verb \(verb)")
        }
        let c = try attacker(["{apiGroups: [\"\"], resources: [secrets], verbs: [create, delete]}"], token)
        #expect(try !c.reaches(me, C.sa("a", "admin")))
    }

    @Test("an Opaque secret is not a token; annotated with blast.dev/credential-of it holds that credential")
    func cloudCredentialSecret() throws {
        let c = try attacker(
            ["{apiGroups: [\"\"], resources: [secrets], verbs: [get]}"],
            Y.serviceAccount("a", "deployer"),
            Y.secret("a", "plain"),
            Y.secret("a", "keys", annotations: ["blast.dev/credential-of": C.sa("a", "deployer")]))
        #expect(try c.reaches(me, "k8s:cluster:secret:a:keys"))
        #expect(c.model.credentials.map(\.id) == ["k8s:cluster:secret:a:keys"])
    }

    // MARK: Pods

    @Test("creating pods (or deployments, jobs…) in a namespace yields its service accounts, not other namespaces'")
    func podCreate() throws {
        let extra = [Y.serviceAccount("a", "deployer"), Y.serviceAccount("b", "elsewhere")]
        for (group, type) in [("\"\"", "pods"), ("apps", "deployments"), ("apps", "daemonsets"), ("batch", "jobs"), ("batch", "cronjobs")] {
            let c = try C(
                Y.file(
                    Y.role(nil, "attack", ["{apiGroups: [\(group)], resources: [\(type)], verbs: [create]}"]),
                    Y.binding("a", "attack", role: "attack", [Y.saSubject("a", "attacker")]), extra[0], extra[1]))
            #expect(try c.reaches(me, C.sa("a", "deployer")), "\(type)")
            #expect(try !c.reaches(me, C.sa("b", "elsewhere")), "\(type)")
            #expect(try c.techniques(me, to: C.sa("a", "deployer")) == ["k8s.pod-create"])
        }
        let reader = try attacker(["{apiGroups: [\"\"], resources: [pods], verbs: [get, list, update]}"], extra[0])
        #expect(try !reader.reaches(me, C.sa("a", "deployer")))
    }

    @Test("update or patch on a controller (deployments, jobs…) rewrites its pod template: the same as creating a pod")
    func workloadRewrite() throws {
        for verb in ["update", "patch"] {
            let c = try attacker(
                ["{apiGroups: [apps], resources: [deployments], verbs: [get, \(verb)]}"], Y.serviceAccount("a", "deployer"))
            #expect(try c.techniques(me, to: C.sa("a", "deployer")) == ["k8s.workload-template-rewrite"], "\(verb)")
        }
        let podPatcher = try attacker(["{apiGroups: [\"\"], resources: [pods], verbs: [patch]}"], Y.serviceAccount("a", "deployer"))
        #expect(try !podPatcher.reaches(me, C.sa("a", "deployer")))
    }

    @Test("a new pod mounts the namespace's secrets: a cloud credential stored there is revealed")
    func podCreateMountsSecrets() throws {
        let c = try attacker(
            ["{apiGroups: [\"\"], resources: [pods], verbs: [create]}"],
            Y.serviceAccount("a", "deployer"),
            Y.secret("a", "keys", annotations: ["blast.dev/credential-of": C.sa("a", "deployer")]),
            Y.secret("b", "far", annotations: ["blast.dev/credential-of": C.sa("a", "deployer")]))
        #expect(try c.reaches(me, "k8s:cluster:secret:a:keys"))
        #expect(try !c.reaches(me, "k8s:cluster:secret:b:far"))
    }

    @Test("pods/exec and pods/attach on a pod yield that pod's service account")
    func execAndAttach() throws {
        for sub in ["exec", "attach"] {
            let c = try attacker(
                ["{apiGroups: [\"\"], resources: [pods/\(sub)], resourceNames: [web], verbs: [create]}"],
                Y.pod("a", "web", serviceAccount: "web-sa"), Y.pod("a", "db", serviceAccount: "db-sa"))
            #expect(try c.reaches(me, C.sa("a", "web-sa")), "\(sub)")
            #expect(try !c.reaches(me, C.sa("a", "db-sa")), "a resourceName that does not match")
            let steps = try #require(try c.path(me, to: C.sa("a", "web-sa")))
            #expect(steps.map(\.edge) == [.grant, .allow, .pivot, .credential])
            #expect(steps[2].to == "k8s:cluster:mounted-token:a:web-sa")
        }
    }

    @Test("get on pods/exec (websocket exec before Kubernetes 1.35) also reveals the mounted token")
    func execWebsocketGet() throws {
        let c = try attacker(["{apiGroups: [\"\"], resources: [pods/exec], verbs: [get]}"], Y.pod("a", "web", serviceAccount: "web-sa"))
        #expect(try c.reaches(me, C.sa("a", "web-sa")))
        let logs = try attacker(
            ["{apiGroups: [\"\"], resources: [pods/log, pods/portforward], verbs: [get, create]}"],
            Y.pod("a", "web", serviceAccount: "web-sa"))
        #expect(try !logs.reaches(me, C.sa("a", "web-sa")))
    }

    @Test("exec into a pod that does not mount its token yields nothing")
    func execWithoutToken() throws {
        let c = try attacker(
            ["{apiGroups: [\"\"], resources: [pods/exec], verbs: [create]}"],
            Y.pod("a", "web", serviceAccount: "web-sa", automount: false),
            Y.serviceAccount("a", "quiet", automount: false), Y.pod("a", "q", serviceAccount: "quiet"))
        #expect(try !c.reaches(me, C.sa("a", "web-sa")))
        #expect(try !c.reaches(me, C.sa("a", "quiet")))
    }

    @Test("create on serviceaccounts/token yields that service account only")
    func tokenRequest() throws {
        let c = try attacker(
            ["{apiGroups: [\"\"], resources: [serviceaccounts/token], resourceNames: [builder], verbs: [create]}"],
            Y.serviceAccount("a", "builder"), Y.serviceAccount("a", "other"))
        #expect(try c.reaches(me, C.sa("a", "builder")))
        #expect(try !c.reaches(me, C.sa("a", "other")))
        #expect(try c.techniques(me, to: C.sa("a", "builder")) == ["k8s.serviceaccount-token-create"])
        let getter = try attacker(
            ["{apiGroups: [\"\"], resources: [serviceaccounts], verbs: [get, create]}"],
            Y.serviceAccount("a", "builder"))
        #expect(try !getter.reaches(me, C.sa("a", "builder")))
    }

    // MARK: Impersonation

    @Test("impersonate on users and service accounts takes them over")
    func impersonate() throws {
        let c = try attacker(
            ["{apiGroups: [\"\"], resources: [users, serviceaccounts], verbs: [impersonate]}"], cluster: true,
            Y.binding(nil, "x", role: "attack", ["{kind: User, name: root@example.com}"]),
            Y.serviceAccount("b", "robot"))
        #expect(try c.reaches(me, C.user("root@example.com")))
        #expect(try c.reaches(me, C.sa("b", "robot")))
        let none = try attacker(
            ["{apiGroups: [\"\"], resources: [users], verbs: [get, list]}"], cluster: true,
            Y.binding(nil, "x", role: "attack", ["{kind: User, name: root@example.com}"]))
        #expect(try !none.reaches(me, C.user("root@example.com")))
    }

    @Test("impersonating a group needs users and groups impersonation; system:masters means cluster-admin")
    func impersonateGroups() throws {
        let both = try attacker(
            ["{apiGroups: [\"\"], resources: [users, groups], verbs: [impersonate]}"], cluster: true,
            Y.binding(nil, "d", role: "attack", ["{kind: Group, name: devs}"]))
        #expect(try both.reaches(me, "k8s:cluster:member-of:devs"))
        #expect(try both.reaches(me, "k8s:cluster:cluster-admin"))
        let groupsOnly = try attacker(
            ["{apiGroups: [\"\"], resources: [groups], verbs: [impersonate]}"], cluster: true,
            Y.binding(nil, "d", role: "attack", ["{kind: Group, name: devs}"]))
        #expect(try !groupsOnly.reaches(me, "k8s:cluster:member-of:devs"))
    }

    // MARK: Binding and escalating roles

    @Test("create rolebindings + bind on clusterroles in a namespace is admin of that namespace only")
    func bindInNamespace() throws {
        let c = try attacker(
            [
                "{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}",
                "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}",
            ],
            Y.secret("a", "s1"), Y.secret("b", "s2"))
        #expect(try c.reaches(me, "k8s:cluster:namespace-admin:a"))
        #expect(try c.techniques(me, to: "k8s:cluster:namespace-admin:a") == ["k8s.rolebinding-bind-cluster-admin"])
        #expect(try c.can(me, "core:secrets:get", on: C.resource("a", "secrets", "s1")))
        #expect(try !c.can(me, "core:secrets:get", on: C.resource("b", "secrets", "s2")))
        #expect(try !c.reaches(me, "k8s:cluster:cluster-admin"))
    }

    @Test("a verb subset is not an escalation: rolebindings alone, or bind limited to view")
    func bindSubsets() throws {
        let alone = try attacker(["{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create, update]}"])
        #expect(try !alone.reaches(me, "k8s:cluster:namespace-admin:a"))
        let viewOnly = try attacker([
            "{apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}",
            "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [view], verbs: [bind]}",
        ])
        #expect(try !viewOnly.reaches(me, "k8s:cluster:namespace-admin:a"))
    }

    @Test("cluster-wide: clusterrolebindings + bind, or create/update/escalate clusterroles, is cluster-admin")
    func clusterEscalation() throws {
        let bind = try attacker(
            [
                "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [create]}",
                "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [cluster-admin], verbs: [bind]}",
            ],
            cluster: true)
        #expect(try bind.techniques(me, to: "k8s:cluster:cluster-admin") == ["k8s.clusterrolebinding-bind-cluster-admin"])
        let escalate = try attacker(
            ["{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles, clusterrolebindings], verbs: [create, update, escalate]}"],
            cluster: true)
        #expect(try escalate.techniques(me, to: "k8s:cluster:cluster-admin") == ["k8s.clusterrole-escalate"])
        let escalateOnly = try attacker(
            ["{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}"], cluster: true)
        #expect(try !escalateOnly.reaches(me, "k8s:cluster:cluster-admin"))
    }

    @Test("update or patch on an existing cluster-admin binding, with bind, adds oneself to it")
    func bindingUpdate() throws {
        let existing = Y.binding(nil, "legacy", role: "cluster-admin", [Y.saSubject("kube-system", "old")])
        for verb in ["update", "patch"] {
            let c = try attacker(
                [
                    "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], resourceNames: [legacy], verbs: [\(verb)]}",
                    "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]}",
                ],
                cluster: true, existing)
            #expect(try c.techniques(me, to: "k8s:cluster:cluster-admin") == ["k8s.binding-update-bind-cluster-admin"], "\(verb)")
        }
        let noBind = try attacker(
            ["{apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [update, patch]}"],
            cluster: true, existing)
        #expect(try !noBind.reaches(me, "k8s:cluster:cluster-admin"))
    }

    @Test("create and get on a namespace's secrets mint a token secret for any of its accounts")
    func tokenSecretCreate() throws {
        let c = try attacker(["{apiGroups: [\"\"], resources: [secrets], verbs: [create, get]}"], Y.serviceAccount("a", "builder"))
        #expect(try c.techniques(me, to: C.sa("a", "builder")) == ["k8s.token-secret-create"])
        let createOnly = try attacker(["{apiGroups: [\"\"], resources: [secrets], verbs: [create]}"], Y.serviceAccount("a", "builder"))
        #expect(try !createOnly.reaches(me, C.sa("a", "builder")))
    }

    @Test("escalate on roles with create, update (or patch) and rolebindings is admin of the namespace; without escalate it is not")
    func roleEscalate() throws {
        for verb in ["update", "patch"] {
            let c = try attacker([
                "{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [create, \(verb), escalate]}"
            ])
            #expect(try c.techniques(me, to: "k8s:cluster:namespace-admin:a") == ["k8s.role-escalate"], "\(verb)")
        }
        let noEscalate = try attacker([
            "{apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: [create, update, patch]}"
        ])
        #expect(try !noEscalate.reaches(me, "k8s:cluster:namespace-admin:a"))
    }

    // MARK: Node and cluster takeovers

    @Test("nodes/proxy (create, or get over websockets) takes the node and the tokens of its pods")
    func nodesProxy() throws {
        for verb in ["create", "get"] {
            let c = try attacker(
                ["{apiGroups: [\"\"], resources: [nodes/proxy], verbs: [\(verb)]}"], cluster: true,
                Y.node("n1"), Y.node("n2"),
                Y.pod("b", "web", serviceAccount: "web-sa", node: "n1"),
                Y.pod("b", "db", serviceAccount: "db-sa", node: "n2"))
            #expect(try c.reaches(me, "k8s:cluster:node:n1"))
            #expect(try c.reaches(me, C.sa("b", "web-sa")))
        }
        let nodesOnly = try attacker(
            ["{apiGroups: [\"\"], resources: [nodes, nodes/metrics], verbs: [get]}"], cluster: true,
            Y.node("n1"), Y.pod("b", "web", serviceAccount: "web-sa", node: "n1"))
        #expect(try !nodesOnly.reaches(me, "k8s:cluster:node:n1"))
    }

    @Test("creating pods where Pod Security allows host access is a node takeover; baseline or restricted blocks it")
    func hostAccess() throws {
        let open = try attacker(
            ["{apiGroups: [\"\"], resources: [pods], verbs: [create]}"],
            Y.namespace("a"), Y.node("n1"), Y.pod("b", "web", serviceAccount: "web-sa", node: "n1"))
        #expect(try open.techniques(me, to: "k8s:cluster:any-node") == ["k8s.pod-create-host-access"])
        #expect(try open.reaches(me, C.sa("b", "web-sa")))
        for level in ["baseline", "restricted"] {
            let guarded = try attacker(
                ["{apiGroups: [\"\"], resources: [pods], verbs: [create]}"],
                Y.namespace("a", enforce: level), Y.node("n1"),
                Y.pod("b", "web", serviceAccount: "web-sa", node: "n1"))
            #expect(try !guarded.reaches(me, "k8s:cluster:any-node"), "\(level)")
            #expect(try !guarded.reaches(me, C.sa("b", "web-sa")), "\(level)")
        }
    }

    @Test("approving CSRs for the kube-apiserver-client signer is cluster-admin; the kubelet signer is not")
    func csrApproval() throws {
        func rules(_ signer: String) -> [String] {
            [
                "{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create, get]}",
                "{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}",
                "{apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [\"\(signer)\"], verbs: [approve]}",
            ]
        }
        // kubeadm binds cluster-admin to this group: a certificate may name it.
        let admins = Y.binding(nil, "kubeadm:cluster-admins", role: "cluster-admin", ["{kind: Group, name: \"kubeadm:cluster-admins\"}"])
        let client = try attacker(rules("kubernetes.io/kube-apiserver-client"), cluster: true, admins)
        #expect(try client.techniques(me, to: "k8s:cluster:cluster-admin") == ["k8s.csr-approve-client-certificate"])
        let wildcard = try attacker(rules("kubernetes.io/*"), cluster: true, admins)
        #expect(try wildcard.reaches(me, "k8s:cluster:cluster-admin"))
        let kubelet = try attacker(rules("kubernetes.io/kube-apiserver-client-kubelet"), cluster: true, admins)
        #expect(try !kubelet.reaches(me, "k8s:cluster:cluster-admin"))
    }

    @Test(
        "CertificateSubjectRestriction: the certificate names another cluster-admin subject, said on the path; system:masters alone is no route"
    )
    func csrSubjectRestriction() throws {
        let rules = [
            "{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create, watch]}",
            "{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}",
            "{apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [kubernetes.io/kube-apiserver-client], verbs: [approve]}",
        ]
        let masters = Y.binding(nil, "cluster-admin", role: "cluster-admin", ["{kind: Group, name: \"system:masters\"}"])
        let legacy = Y.binding(nil, "legacy-admin", role: "cluster-admin", [Y.saSubject("kube-system", "legacy-admin")])
        let c = try attacker(rules, cluster: true, masters, legacy)
        let step = try #require(try c.path(me, to: "k8s:cluster:cluster-admin")?.last)
        #expect(step.technique?.hasPrefix("k8s.csr-approve-client-certificate") == true)
        #expect(step.terms?.condition?.contains("k8s:cluster:sa:kube-system:legacy-admin") == true)
        #expect(step.terms?.condition?.contains("CertificateSubjectRestriction refuses system:masters") == true)
        let mastersOnly = try attacker(rules, cluster: true, masters)
        #expect(try !mastersOnly.reaches(me, "k8s:cluster:cluster-admin"))
    }

    @Test("near miss: approving a CSR one cannot read back (no get, list or watch) yields no certificate")
    func csrWithoutRead() throws {
        let c = try attacker(
            [
                "{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [create]}",
                "{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}",
                "{apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [kubernetes.io/kube-apiserver-client], verbs: [approve]}",
            ], cluster: true, Y.binding(nil, "legacy-admin", role: "cluster-admin", [Y.saSubject("kube-system", "legacy-admin")]))
        #expect(try !c.reaches(me, "k8s:cluster:cluster-admin"))
    }

    // MARK: Cross-cloud

    @Test("an EKS role annotation links to the role when the AWS model is loaded, else leaves a note")
    func eksAnnotation() throws {
        let arn = "arn:aws:iam::111111111111:role/deploy"
        let yaml = Y.serviceAccount("a", "deployer", annotations: ["eks.amazonaws.com/role-arn": arn])
        let linked = try KubernetesFormatImport(yaml, declared: [arn])
        #expect(linked.model.assumes.contains { $0.from == C.sa("a", "deployer") && $0.to == arn })
        #expect(!linked.notes.contains { $0.message.contains(arn) })
        let alone = try KubernetesFormatImport(yaml, declared: [])
        #expect(!alone.model.assumes.contains { $0.to == arn })
        #expect(
            alone.notes.contains {
                $0.message.contains("AWS identity '\(arn)'") && $0.keyPath?.contains("eks.amazonaws.com/role-arn") == true
            })
    }

    @Test("a GKE service-account annotation is noted (no GCP model to link to)")
    func gkeAnnotation() throws {
        let yaml = Y.serviceAccount("a", "app", annotations: ["iam.gke.io/gcp-service-account": "app@proj.iam.gserviceaccount.com"])
        let imported = try KubernetesFormatImport(yaml, declared: [])
        #expect(imported.notes.contains { $0.message.contains("GCP identity 'app@proj.iam.gserviceaccount.com'") })
    }

    // MARK: Kubeconfigs

    @Test("a kubeconfig's service-account bearer token is a credential of that account, expiring with the token")
    func kubeconfigToken() throws {
        // Payload: {"sub":"system:serviceaccount:ci:builder","exp":1798761600} (2027-01-01).
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6YnVpbGRlciIsImV4cCI6MTc5ODc2MTYwMH0.c2ln"
        let imported = try KubernetesFormatImport(
            """
            apiVersion: v1
            kind: Config
            current-context: ci
            contexts: [{name: ci, context: {cluster: prod, user: ci}}]
            users:
              - {name: ci, user: {token: \(token)}}
              - {name: admin, user: {client-certificate-data: AAAA}}
            """, declared: [])
        let credential = try #require(imported.model.credentials.first)
        #expect(credential.id == "k8s:prod:kubeconfig:ci")
        #expect(credential.of == "k8s:prod:sa:ci:builder")
        #expect(credential.expires == Fixtures.date("2027-01-01"))
        #expect(imported.notes.contains { $0.message.contains("kubeconfig user 'admin' has no bearer token") })
    }

    // MARK: Explanations

    @Test("each move's path names the rule, the binding and the technique")
    func pathsNameRuleAndBinding() throws {
        let c = try attacker(
            ["{apiGroups: [\"\"], resources: [serviceaccounts/token], verbs: [create]}"],
            Y.serviceAccount("a", "web-sa"))
        let steps = try #require(try c.path(me, to: C.sa("a", "web-sa")))
        #expect(steps.map(\.edge) == [.grant, .allow, .escalate])
        #expect(steps[0].origin?.keyPath == "documents[1](a/attack).subjects[0]")
        #expect(steps[1].origin?.keyPath == "documents[0](attack).rules[0].resources[0]")
        #expect(
            steps[2].technique
                == "k8s.serviceaccount-token-create: core:serviceaccounts/token:create on k8s/cluster/ns/a/serviceaccounts/web-sa")
    }
}

/// The model and notes of importing one file with the given ids already declared.
private func KubernetesFormatImport(_ yaml: String, declared: Set<String>) throws -> (model: Model, notes: [ImportNote]) {
    var context = ImportContext()
    context.declaredIDs = declared
    let model = try KubernetesFormat.importModel(files: [SourceFile(path: "c.yaml", text: yaml)], context: &context)
    return (model, context.notes)
}
