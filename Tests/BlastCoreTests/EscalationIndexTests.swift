import BlastCore
import BlastTestSupport
import Testing

/// The escalation index (requirements by the statements that satisfy them) yields exactly the
/// moves of testing every escalation with `entitlement(_:action:on:)`, the first-hit proof included.
@Suite("Escalation index")
struct EscalationIndexTests {
    /// The specification: every escalation the session may use, tested requirement by requirement.
    func expectedEscalations(_ g: AccessGraph, _ view: SessionView) -> [(EscalationID, Entitlement)] {
        var out: [(EscalationID, Entitlement)] = []
        for (k, esc) in g.escalations.enumerated() {
            if let from = esc.from, !view.holders.contains(from) { continue }
            guard view.options.allows(esc.model.terms, sessionMFA: view.session.mfa) else { continue }
            let found = esc.requires.map { g.entitlement(view, action: $0.action, on: $0.resource) }
            guard !found.isEmpty, !found.contains(where: { $0 == nil }), let first = found[0] else { continue }
            out.append((EscalationID(k), first))
        }
        return out
    }

    func escalationMoves(_ g: AccessGraph, _ view: SessionView) -> [(EscalationID, Entitlement)] {
        g.moves(from: view).compactMap { m in
            guard case .escalate(let id) = m.target, let e = m.entitlement else { return nil }
            return (id, e)
        }
    }

    func view(_ g: AccessGraph, _ id: String, mfa: Bool = false) -> SessionView {
        guard case .identity(let i)? = g.element(named: id) else { preconditionFailure("no identity '\(id)'") }
        return g.view(of: Session(identity: i, mfa: mfa), options: Fixtures.options())
    }

    /// dev holds PassRole through `pass` (a group grant, two hops) and through `both` (direct);
    /// CreateFunction only through `create` (direct). Two escalations share the PassRole requirement.
    func twoStatementsModel(deny: [Statement] = [], createScope: String? = nil) -> Model {
        Model(
            identities: [Identity(id: "dev"), Identity(id: "lambda-admin", kind: .service), Identity(id: "ec2-admin", kind: .service)],
            groups: [Group(id: "devs", members: ["dev"])],
            roles: [
                Role(id: "pass", allow: [Statement(actions: ["iam:PassRole"], resources: ["iam/roles"])]),
                Role(
                    id: "both",
                    allow: [
                        Statement(actions: ["s3:GetObject"], resources: ["*"]),
                        Statement(actions: ["iam:Pass*"], resources: ["iam/roles/admin"]),
                    ]),
                Role(id: "create", allow: [Statement(actions: ["lambda:*"], resources: ["lambda"])], deny: deny),
            ],
            grants: [
                Grant(to: "devs", role: "pass"), Grant(to: "dev", role: "both"), Grant(to: "dev", role: "create", scope: createScope),
            ],
            resources: [Resource(id: "iam/roles/admin"), Resource(id: "lambda/functions"), Resource(id: "ec2/instances")],
            escalations: [
                Escalation(
                    technique: "ec2-001",
                    requires: [
                        .init(action: "iam:PassRole", resource: "iam/roles/admin"),
                        .init(action: "ec2:RunInstances", resource: "ec2/instances"),
                    ], to: "ec2-admin"),
                Escalation(
                    technique: "lambda-001",
                    requires: [
                        .init(action: "iam:PassRole", resource: "iam/roles/admin"),
                        .init(action: "lambda:CreateFunction", resource: "lambda/functions"),
                    ], to: "lambda-admin"),
            ])
    }

    @Test("requirements met by two different statements yield the move, proved by the first requirement's shortest entitlement")
    func twoStatements() {
        let g = Fixtures.compile(twoStatementsModel())
        let v = view(g, "dev")
        let moves = escalationMoves(g, v)
        #expect(moves.map(\.0) == [EscalationID(1)])
        let proof = moves.first?.1
        #expect(proof == g.entitlement(v, action: "iam:PassRole", on: g.resourceID("iam/roles/admin")))
        // The direct grant of `both` (one hop), its second statement; not the group's `pass`.
        #expect(proof.map { g.grant($0.held.grant).model.role } == "both")
        #expect(proof.map { g.statement($0.statement).actions.map(\.text) } == ["iam:Pass*"])
        #expect(moves.map(\.0) == expectedEscalations(g, v).map(\.0))
        #expect(moves.map(\.1) == expectedEscalations(g, v).map(\.1))
    }

    @Test("a deny on one requirement blocks the escalation")
    func denyBlocks() {
        let g = Fixtures.compile(twoStatementsModel(deny: [Statement(actions: ["lambda:Create*"], resources: ["lambda/functions"])]))
        let v = view(g, "dev")
        #expect(escalationMoves(g, v).isEmpty)
        #expect(expectedEscalations(g, v).isEmpty)
    }

    @Test("a deny under a grant scope that excludes the requirement does not block it")
    func scopedDenyDoesNotBlock() {
        let model = twoStatementsModel(deny: [Statement(actions: ["iam:PassRole"], resources: ["*"])], createScope: "lambda")
        let g = Fixtures.compile(model)
        let v = view(g, "dev")
        #expect(escalationMoves(g, v).map(\.0) == [EscalationID(1)])
    }

    @Test("an allow under a grant scope that excludes the requirement does not meet it")
    func scopedAllowDoesNotMeet() {
        let g = Fixtures.compile(twoStatementsModel(createScope: "lambda/layers"))
        let v = view(g, "dev")
        #expect(escalationMoves(g, v).isEmpty)
    }

    @Test("on the fixtures with escalations, every session's escalation moves are those of testing each requirement")
    func sameAsRequirementByRequirement() {
        let models = [
            Fixtures.passRoleEscalation(), twoStatementsModel(), twoStatementsModel(createScope: "lambda"),
            twoStatementsModel(deny: [Statement(actions: ["iam:*"], resources: ["iam/roles"])]),
        ]
        for model in models {
            let g = Fixtures.compile(model)
            for i in g.identityIDs {
                for mfa in [false, true] {
                    let v = g.view(of: Session(identity: i, mfa: mfa), options: Fixtures.options())
                    let expected = expectedEscalations(g, v)
                    let moves = escalationMoves(g, v)
                    #expect(moves.map(\.0) == expected.map(\.0))
                    #expect(moves.map(\.1) == expected.map(\.1))
                }
            }
        }
    }
}

extension AccessGraph {
    fileprivate func resourceID(_ id: String) -> ResourceID {
        guard case .resource(let r)? = element(named: id) else { preconditionFailure("no resource '\(id)'") }
        return r
    }
}
