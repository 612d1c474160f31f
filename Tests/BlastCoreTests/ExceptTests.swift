import BlastCore
import BlastTestSupport
import Testing

/// `except_actions` / `except_resources` on statements, and escalations restricted by `from` and
/// `terms` (the constructs the AWS importer needs for NotAction, NotResource, boundaries,
/// self-escalation and MFA-gated account trust).
@Suite("Except and escalation restrictions")
struct ExceptTests {
    func model(_ statement: Statement, deny: [Statement] = []) -> Model {
        Model(
            identities: [Identity(id: "dev")],
            roles: [Role(id: "r", allow: [statement], deny: deny)],
            grants: [Grant(to: "dev", role: "r")],
            resources: [Resource(id: "prod"), Resource(id: "prod/db"), Resource(id: "prod/logs"), Resource(id: "staging")])
    }

    func can(_ g: AccessGraph, _ action: String, _ resource: String, from: String = "dev", mfa: Bool = false) -> Bool {
        guard case .resource(let r)? = g.element(named: resource) else { return false }
        return g.can(from: g.startFor(from, mfa: mfa), action: action, on: r, options: Fixtures.options(mfa: mfa)).allowed
    }

    @Test("an allow with except_actions applies to every matched action but the excepted ones")
    func exceptActions() {
        let g = Fixtures.compile(model(Statement(actions: ["*"], resources: ["*"], exceptActions: ["iam:*"])))
        #expect(can(g, "s3:get", "prod"))
        #expect(!can(g, "iam:createuser", "prod"))
    }

    @Test("an allow with except_resources covers nothing at or below the excepted resources")
    func exceptResources() {
        let g = Fixtures.compile(model(Statement(actions: ["read"], resources: ["*"], exceptResources: ["prod/db"])))
        #expect(can(g, "read", "prod/logs"))
        #expect(!can(g, "read", "prod/db"))
        let r = g.radius(from: g.startFor("dev"), options: Fixtures.options())
        #expect(g.ids(r.resources) == ["prod", "prod/logs", "staging"])
    }

    @Test("a deny with except_actions denies everything but the excepted actions")
    func denyExcept() {
        let g = Fixtures.compile(
            model(
                Statement(actions: ["*"], resources: ["*"]),
                deny: [Statement(actions: ["*"], resources: ["*"], exceptActions: ["read"])]))
        #expect(can(g, "read", "prod"))
        #expect(!can(g, "write", "prod"))
    }

    @Test("radius shows excepted actions and keeps an allow an excepted deny does not remove as a whole")
    func radiusDisplay() {
        let g = Fixtures.compile(
            model(
                Statement(actions: ["*"], resources: ["prod"], exceptActions: ["iam:*"]),
                deny: [Statement(actions: ["*"], resources: ["prod"], exceptActions: ["s3:*"])]))
        let r = g.radius(from: g.startFor("dev"), options: Fixtures.options(), detail: true)
        let prod = r.resources.first { g.resources[$0.resource.index].id == "prod" }
        #expect(prod?.actions == ["* except iam:*"])
        #expect(prod?.access.first?.denied == ["* except s3:*"])
    }

    @Test("interval subtraction keeps the runs outside the cut")
    func subtracting() {
        let a = IntervalSet(runs: [0..<10, 20..<30])
        #expect(a.subtracting(IntervalSet(runs: [5..<22, 25..<26])).runs == [0..<5, 22..<25, 26..<30])
        #expect(a.subtracting(IntervalSet()).runs == a.runs)
    }

    func escalationModel(from: String?, terms: Terms = .standing) -> Model {
        Model(
            identities: [Identity(id: "dev"), Identity(id: "ops"), Identity(id: "admin")],
            roles: [Role(id: "edit", allow: [Statement(actions: ["iam:put"], resources: ["*"])])],
            grants: [Grant(to: "dev", role: "edit"), Grant(to: "ops", role: "edit")],
            resources: [Resource(id: "dev-user")],
            escalations: [
                Escalation(
                    technique: "self", requires: [.init(action: "iam:put", resource: "dev-user")], to: "admin",
                    from: from, terms: terms)
            ])
    }

    func reaches(_ g: AccessGraph, _ from: String, _ to: String, mfa: Bool = false) -> Bool {
        guard case .identity(let i)? = g.element(named: to) else { return false }
        return g.path(from: g.startFor(from, mfa: mfa), to: .identity(i), options: Fixtures.options(mfa: mfa)) != nil
    }

    @Test("an escalation with from helps only that identity's sessions")
    func escalationFrom() {
        let g = Fixtures.compile(escalationModel(from: "dev"))
        #expect(reaches(g, "dev", "admin"))
        #expect(!reaches(g, "ops", "admin"))
        let open = Fixtures.compile(escalationModel(from: nil))
        #expect(reaches(open, "ops", "admin"))
    }

    @Test("an escalation with mfa terms needs an MFA session and yields one")
    func escalationMFA() {
        let g = Fixtures.compile(escalationModel(from: nil, terms: Terms(mfa: true)))
        #expect(!reaches(g, "dev", "admin"))
        #expect(reaches(g, "dev", "admin", mfa: true))
    }
}
