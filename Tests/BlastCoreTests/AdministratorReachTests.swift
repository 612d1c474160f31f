import BlastCore
import BlastTestSupport
import Testing

/// Once a search reaches a session allowing every action on every resource (an administrator,
/// here through two statements that split the resources into several runs), the default radius
/// no longer reads the sessions beyond it: the answer per resource (actions, hops, proof,
/// control) must be what the full sweep gives, which `--detail` still computes.
@Suite("Radius through an administrator")
struct AdministratorReachTests {
    static func model() -> Model {
        Model(
            identities: [
                Identity(id: "dev"), Identity(id: "admin"), Identity(id: "ops"), Identity(id: "auditor"), Identity(id: "near-admin"),
            ],
            roles: [
                Role(id: "reader", allow: [Statement(actions: ["read"], resources: ["prod/db"])]),
                Role(id: "everything", allow: [Statement(actions: ["*"], resources: ["*"]), Statement(actions: ["*"], resources: ["prod/db"])]),
                Role(id: "writer", allow: [Statement(actions: ["write", "read"], resources: ["prod", "staging"])]),
                Role(id: "audit", allow: [Statement(actions: ["audit:*"], resources: ["*"])]),
                // Everything on every resource but one deny: not an administrator.
                Role(id: "almost", allow: [Statement(actions: ["*"], resources: ["*"])], deny: [Statement(actions: ["delete"], resources: ["prod/db"])]),
            ],
            grants: [
                Grant(to: "dev", role: "reader"), Grant(to: "admin", role: "everything"), Grant(to: "ops", role: "writer"),
                Grant(to: "auditor", role: "audit"), Grant(to: "near-admin", role: "almost"),
            ],
            assumes: [
                Assume(from: "dev", to: "near-admin"), Assume(from: "near-admin", to: "admin"), Assume(from: "admin", to: "ops"),
                Assume(from: "ops", to: "auditor"),
            ],
            resources: [
                Resource(id: "prod", criticality: .high), Resource(id: "prod/db", criticality: .critical), Resource(id: "prod/db/2026.csv"),
                Resource(id: "staging"), Resource(id: "wiki"),
            ])
    }

    @Test("actions, hops, proof and control per resource equal those of the full sweep")
    func sameAsFullSweep() {
        let g = Fixtures.compile(AdministratorReachTests.model())
        let fast = g.radius(from: g.startFor("dev"), options: Fixtures.options())
        let full = g.radius(from: g.startFor("dev"), options: Fixtures.options(), detail: true)
        #expect(fast.resources.count == 5)
        #expect(fast.resources.map(\.resource) == full.resources.map(\.resource))
        for (a, b) in zip(fast.resources, full.resources) {
            #expect(a.actions == b.actions)
            #expect(a.hops == b.hops)
            #expect(a.proof == b.proof)
            #expect(a.control?.proof == b.control?.proof)
            #expect(a.control?.hops == b.control?.hops)
        }
        // The administrator's `*` stands alone; prod/db's shortest proof is dev's own read, and
        // the near-administrator's deny keeps it from controlling prod/db: control goes through
        // the administrator one hop further.
        #expect(fast.resources.allSatisfy { $0.actions == ["*"] })
        let db = fast.resources.first { g.resource($0.resource).id == "prod/db" }
        #expect(db.map { g.identity(g.session(ofState: $0.proof.state).identity).id } == "dev")
        #expect(db?.control.map { g.identity(g.session(ofState: $0.proof.state).identity).id } == "admin")
        // Identities past the administrator are still reached (the search itself is complete).
        #expect(Set(fast.identities.map { g.identity($0.identity).id }) == ["dev", "near-admin", "admin", "ops", "auditor"])
    }
}
