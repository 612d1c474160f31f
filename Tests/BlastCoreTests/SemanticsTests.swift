import BlastCore
import BlastTestSupport
import Testing

/// One test per rule of the engine's semantics (docs/semantics.md).
@Suite("Semantics")
struct SemanticsTests {
    let at = Fixtures.now

    // MARK: Hierarchy, patterns, scope

    @Test("a statement on R covers R and everything below it, not siblings sharing a prefix")
    func hierarchy() {
        let g = Fixtures.compile(Fixtures.scopedRead())
        let r = g.radius(from: g.startFor("dev"), options: Fixtures.options())
        #expect(g.ids(r.resources) == ["prod/eu", "prod/eu/db"])
    }

    @Test("a grant's scope keeps only resources at or below it")
    func scope() {
        var model = Fixtures.scopedRead()
        model.grants[0].scope = nil
        let g = Fixtures.compile(model)
        let r = g.radius(from: g.startFor("dev"), options: Fixtures.options())
        #expect(g.ids(r.resources) == ["prod", "prod/eu", "prod/eu/db", "prod/us/db"])
    }

    @Test("wildcard resource patterns match ids and implied ancestors")
    func wildcardResources() {
        let model = Model(
            identities: [Identity(id: "sec")],
            roles: [Role(id: "logs", allow: [Statement(actions: ["read"], resources: ["prod/??/logs"])])],
            grants: [Grant(to: "sec", role: "logs")],
            resources: [
                Resource(id: "prod/eu/logs/app"), Resource(id: "prod/us/logs"), Resource(id: "prod/eu/db"), Resource(id: "prod/asia/logs"),
            ])
        let g = Fixtures.compile(model)
        let r = g.radius(from: g.startFor("sec"), options: Fixtures.options())
        #expect(g.ids(r.resources) == ["prod/eu/logs/app", "prod/us/logs"])
    }

    // MARK: Deny

    @Test("deny wins: an allow pattern the deny matches as a whole string is dropped")
    func denyDropsWholeAllow() {
        let model = Model(
            identities: [Identity(id: "dev")],
            roles: [
                Role(
                    id: "s3", allow: [Statement(actions: ["s3:Get*", "s3:List*", "read"], resources: ["bucket"])],
                    deny: [Statement(actions: ["s3:*"], resources: ["bucket"])])
            ],
            grants: [Grant(to: "dev", role: "s3")],
            resources: [Resource(id: "bucket")])
        let g = Fixtures.compile(model)
        let r = g.radius(from: g.startFor("dev"), options: Fixtures.options(), detail: true)
        #expect(r.resources.first?.actions == ["read"])
        #expect(r.resources.first?.access.first?.denied == ["s3:*"])
    }

    @Test("a broader allow survives a narrower deny, which is listed as denied")
    func denyListedBesideBroaderAllow() {
        let g = Fixtures.compile(Fixtures.denyOnBackups())
        let r = g.radius(from: g.startFor("ops"), options: Fixtures.options(), detail: true)
        let backups = r.resources.first { g.resources[$0.resource.index].id == "prod/backups" }
        #expect(backups?.actions == ["*"])
        #expect(backups?.access.map(\.denied) == [["delete"]])
        let db = r.resources.first { g.resources[$0.resource.index].id == "prod/db" }
        #expect(db?.access.map(\.denied) == [[]])
    }

    @Test("can: a concrete action matched by a deny of the same session is refused")
    func denyBeatsAllowForConcreteAction() {
        let g = Fixtures.compile(Fixtures.denyOnBackups())
        let o = Fixtures.options()
        #expect(!g.can(from: g.startFor("ops"), action: "delete", on: g.resourceFor("prod/backups"), options: o).allowed)
        #expect(g.can(from: g.startFor("ops"), action: "read", on: g.resourceFor("prod/backups"), options: o).allowed)
        #expect(g.can(from: g.startFor("ops"), action: "delete", on: g.resourceFor("prod/db"), options: o).allowed)
    }

    @Test("a resource whose every allow is denied is not in the radius")
    func fullyDeniedResourceLeavesRadius() {
        let model = Model(
            identities: [Identity(id: "dev")],
            roles: [
                Role(
                    id: "r", allow: [Statement(actions: ["read"], resources: ["prod"])],
                    deny: [Statement(actions: ["*"], resources: ["prod/secret"])])
            ],
            grants: [Grant(to: "dev", role: "r")],
            resources: [Resource(id: "prod/public"), Resource(id: "prod/secret", criticality: .critical)])
        let g = Fixtures.compile(model)
        #expect(g.ids(g.radius(from: g.startFor("dev"), options: Fixtures.options()).resources) == ["prod/public"])
    }

    // MARK: Groups

    @Test("grants to a group apply to members of nested groups, and membership cycles terminate")
    func nestedGroupsWithCycle() {
        let g = Fixtures.compile(Fixtures.nestedGroups())
        let r = g.radius(from: g.startFor("alice"), options: Fixtures.options())
        #expect(g.ids(r.resources) == ["wiki/runbooks"])
        #expect(r.path(r.resources[0].proof).map(\.edge) == [.member, .member, .grant, .allow])
        #expect(r.resources[0].hops == 4)
    }

    // MARK: Time

    @Test(
        "a grant is active when not_before <= at < expires",
        arguments: [
            ("2026-10-31T23:59:59Z", false), ("2026-11-01", true), ("2026-12-30T23:59:59Z", true), ("2026-12-31", false),
        ])
    func timeWindow(at: String, active: Bool) {
        let g = Fixtures.compile(Fixtures.timeBound())
        let r = g.radius(from: g.startFor("bob"), options: Fixtures.options(at: Fixtures.date(at)))
        #expect(r.resources.isEmpty != active)
    }

    @Test("an expired credential cannot start a path")
    func expiredCredential() {
        var model = Fixtures.wikiLeaksDeployToken()
        model.credentials[0].expires = Fixtures.date("2026-06-30")
        let g = Fixtures.compile(model)
        let r = g.radius(from: g.startFor("deploy-token"), options: Fixtures.options())
        #expect(r.resources.isEmpty && r.identities.isEmpty)
        #expect(r.startProblem?.contains("expired") == true)
    }

    @Test("an expired credential cannot continue a path through a pivot")
    func expiredCredentialStopsPivot() {
        var model = Fixtures.wikiLeaksDeployToken()
        model.credentials[0].expires = Fixtures.date("2026-06-30")
        let g = Fixtures.compile(model)
        let r = g.radius(from: g.startFor("dave"), options: Fixtures.options())
        #expect(!r.identities.contains { g.identities[$0.identity.index].id == "deploy-bot" })
    }

    // MARK: Approval

    @Test("approval-gated grants are not standing: what they alone add is eligible")
    func approvalIsEligible() {
        let g = Fixtures.compile(Fixtures.breakGlass())
        let r = g.radius(from: g.startFor("frank"), options: Fixtures.options())
        #expect(g.ids(r.resources) == ["wiki/home"])
        #expect(g.ids(r.eligible) == ["prod/db"])
        #expect(r.eligiblePath(r.eligible[0].proof).contains { $0.edge == .grant && $0.terms?.approval == true })
    }

    @Test("--with-approvals follows approval-gated grants as ordinary edges")
    func withApprovals() {
        let g = Fixtures.compile(Fixtures.breakGlass())
        let r = g.radius(from: g.startFor("frank"), options: Fixtures.options(withApprovals: true))
        #expect(g.ids(r.resources) == ["prod/db", "wiki/home"])
        #expect(r.eligible.isEmpty)
    }

    @Test("can says no for approval-gated access but shows the way once approved")
    func canOnceApproved() {
        let g = Fixtures.compile(Fixtures.breakGlass())
        let a = g.can(from: g.startFor("frank"), action: "write", on: g.resourceFor("prod/db"), options: Fixtures.options())
        #expect(!a.allowed)
        #expect(a.onceApproved != nil)
    }

    // MARK: MFA

    @Test("a stolen key carries no MFA: MFA-gated grants are unusable from it")
    func stolenKeyHasNoMFA() {
        let g = Fixtures.compile(Fixtures.mfaGated())
        #expect(g.radius(from: g.startFor("alice-key"), options: Fixtures.options()).resources.isEmpty)
        #expect(g.ids(g.radius(from: g.startFor("alice-sso"), options: Fixtures.options()).resources) == ["prod/db"])
    }

    @Test("an identity start has MFA only with --mfa")
    func identityMFAFlag() {
        let g = Fixtures.compile(Fixtures.mfaGated())
        #expect(g.radius(from: g.startFor("alice"), options: Fixtures.options()).resources.isEmpty)
        #expect(!g.radius(from: g.startFor("alice", mfa: true), options: Fixtures.options(mfa: true)).resources.isEmpty)
    }

    @Test("an assume keeps the session's MFA bit")
    func assumeKeepsMFA() {
        var model = Fixtures.mfaGated()
        model.identities.append(Identity(id: "jump"))
        model.credentials.append(Credential(id: "jump-sso", of: "jump", mfa: true))
        model.credentials.append(Credential(id: "jump-key", of: "jump"))
        model.assumes.append(Assume(from: "jump", to: "alice"))
        let g = Fixtures.compile(model)
        #expect(g.ids(g.radius(from: g.startFor("jump-sso"), options: Fixtures.options()).resources) == ["prod/db"])
        #expect(g.radius(from: g.startFor("jump-key"), options: Fixtures.options()).resources.isEmpty)
    }

    // MARK: Moves

    @Test("credential pivot: reading a wiki page that holds a token yields its identity")
    func wikiPivot() {
        let g = Fixtures.compile(Fixtures.wikiLeaksDeployToken())
        let r = g.radius(from: g.startFor("dave"), options: Fixtures.options())
        #expect(g.ids(r.resources) == ["prod/app", "wiki/runbooks/deploy"])
        let app = r.resources[0]
        #expect(r.path(app.proof).map(\.edge) == [.member, .grant, .allow, .pivot, .credential, .grant, .allow])
        #expect(r.credentials.map { g.credentials[$0.credential.index].id } == ["deploy-token"])
    }

    @Test("a denied reveal action blocks the pivot")
    func deniedRevealBlocksPivot() {
        var model = Fixtures.wikiLeaksDeployToken()
        model.roles[0].deny = [Statement(actions: ["read"], resources: ["wiki/runbooks/deploy"])]
        let g = Fixtures.compile(model)
        let r = g.radius(from: g.startFor("dave"), options: Fixtures.options())
        #expect(r.identities.map { g.identities[$0.identity.index].id } == ["dave"])
    }

    @Test("takeover: a takeover action on an identity's resource yields that identity without MFA")
    func takeover() {
        let g = Fixtures.compile(Fixtures.takeoverOfBackupService())
        let r = g.radius(from: g.startFor("ci-runner"), options: Fixtures.options())
        let db = r.resources.first { g.resources[$0.resource.index].id == "prod/db" }
        #expect(db != nil)
        #expect(db.map { r.path($0.proof).map(\.edge) } == [.grant, .allow, .takeover, .grant, .allow])
        #expect(r.identities.first { g.identities[$0.identity.index].id == "backup-svc" }?.mfa == false)
    }

    @Test("assume cycles terminate and every identity on the cycle is reached once")
    func assumeCycle() {
        let g = Fixtures.compile(Fixtures.assumeCycle())
        let r = g.radius(from: g.startFor("billing-svc"), options: Fixtures.options())
        #expect(r.identities.map { g.identities[$0.identity.index].id } == ["billing-svc", "reporting-svc"])
        #expect(g.ids(r.resources) == ["warehouse/sales"])
        #expect(r.resources[0].hops == 3)
    }

    @Test("statements matching no declared resource are reported as unmatched")
    func unmatched() {
        let model = Model(
            identities: [Identity(id: "ci", kind: .service)],
            roles: [
                Role(
                    id: "aws",
                    allow: [
                        Statement(actions: ["s3:*"], resources: ["arn:aws:s3:::*"]),
                        Statement(actions: ["read"], resources: ["repos"]),
                    ])
            ],
            grants: [Grant(to: "ci", role: "aws")],
            resources: [Resource(id: "repos/app")])
        let g = Fixtures.compile(model)
        let r = g.radius(from: g.startFor("ci"), options: Fixtures.options())
        #expect(r.unmatched.map(\.resources) == [["arn:aws:s3:::*"]])
        #expect(r.path(r.unmatched[0].proof).map(\.edge) == [.grant])
    }

    @Test("identity resources that are not declared are declared implicitly")
    func implicitIdentityResource() {
        let g = Fixtures.compile(Fixtures.takeoverOfBackupService())
        #expect(g.element(named: "iam/identities/backup-svc") != nil)
    }
}

@Suite("Escalations")
struct EscalationTests {
    @Test("an escalation applies when one session holds every required permission; the path names the technique")
    func allRequirementsHeld() {
        let g = Fixtures.compile(Fixtures.passRoleEscalation())
        let r = g.radius(from: g.startFor("dev"), options: Fixtures.options())
        let db = r.resources.first { g.resources[$0.resource.index].id == "prod/db" }
        let steps = db.map { r.path($0.proof) } ?? []
        #expect(steps.map(\.edge) == [.grant, .allow, .escalate, .grant, .allow])
        #expect(steps[2].technique?.hasPrefix("lambda-001: iam:PassRole on iam/roles/admin + lambda:CreateFunction") == true)
    }

    @Test("a missing or denied requirement blocks the escalation")
    func nearMisses() {
        var missing = Fixtures.passRoleEscalation()
        missing.roles[0].allow.removeLast()
        var denied = Fixtures.passRoleEscalation()
        denied.roles[0].deny = [Statement(actions: ["iam:*"], resources: ["iam"])]
        for model in [missing, denied] {
            let g = Fixtures.compile(model)
            let r = g.radius(from: g.startFor("dev"), options: Fixtures.options())
            #expect(!r.identities.contains { g.identities[$0.identity.index].id == "lambda-admin" })
        }
    }
}
