import BlastCore
import BlastTestSupport
import Testing

/// `Radius.fullControl`: the reached session that may do every action on the most resources.
@Suite("Full control")
struct FullControlTests {
    @Test("the session with * on at least the minimum of resources controls them, and what is reached only through it")
    func found() throws {
        let g = Fixtures.compile(Fixtures.fullControl(children: 60))
        let r = g.radius(from: g.startFor("dev"), options: Fixtures.options())
        let f = try #require(r.fullControl())
        #expect(g.identities[f.identity.index].id == "admin")
        #expect(f.hops == 1)
        #expect(f.resources.count == 62)
        #expect(f.resources.allSatisfy { r.resources[$0].control?.hops == 3 })
        #expect(f.identities.map { g.identities[r.identities[$0].identity.index].id } == ["bot"])
        #expect(f.unmatched.count == 1)
        #expect(r.resources.first { g.resources[$0.resource.index].id == "docs" }?.control == nil)
    }

    @Test("fewer resources than the minimum, or a deny on the session, is no full control")
    func notFound() {
        let small = Fixtures.compile(Fixtures.fullControl(children: 40))
        #expect(small.radius(from: small.startFor("dev"), options: Fixtures.options()).fullControl() == nil)
        let denied = Fixtures.compile(Fixtures.fullControl(children: 60, adminDeny: [Statement(actions: ["delete"], resources: ["prod"])]))
        #expect(denied.radius(from: denied.startFor("dev"), options: Fixtures.options()).fullControl() == nil)
    }

    @Test("the controller is the nearest session with every action, not the shortest proof's session")
    func controlBeyondShortestProof() throws {
        // dev itself reads prod and its children (shortest proof: dev, 2 hops); admin may do * there (3 hops).
        var m = Fixtures.fullControl(children: 60)
        m.roles[0].allow.append(Statement(actions: ["read"], resources: ["prod"]))
        let g = Fixtures.compile(m)
        let r = g.radius(from: g.startFor("dev"), options: Fixtures.options())
        let r3 = try #require(r.resources.first { g.resources[$0.resource.index].id == "prod/r3" })
        #expect(r3.actions == ["*"])
        #expect(r3.hops == 2)
        #expect(r3.control?.hops == 3)
        #expect(g.identities[try #require(r.fullControl()).identity.index].id == "admin")
    }
}
