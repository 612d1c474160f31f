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
        #expect(f.resources.count == 61)
        #expect(f.resources.allSatisfy { r.resources[$0].fullControl })
        #expect(f.identities.map { g.identities[r.identities[$0].identity.index].id } == ["bot"])
        #expect(f.unmatched.count == 1)
        #expect(!r.resources.contains { g.resources[$0.resource.index].id == "docs" && $0.fullControl })
    }

    @Test("fewer resources than the minimum, or a deny on the session, is no full control")
    func notFound() {
        let small = Fixtures.compile(Fixtures.fullControl(children: 40))
        #expect(small.radius(from: small.startFor("dev"), options: Fixtures.options()).fullControl() == nil)
        let denied = Fixtures.compile(Fixtures.fullControl(children: 60, adminDeny: [Statement(actions: ["delete"], resources: ["prod"])]))
        #expect(denied.radius(from: denied.startFor("dev"), options: Fixtures.options()).fullControl() == nil)
    }

    @Test("the union of actions of other identities does not make the shortest proof's session a controller")
    func unionIsNotControl() {
        // dev itself reads prod's children (shortest proof: dev), admin may do * there too.
        var m = Fixtures.fullControl(children: 60)
        m.roles[0].allow.append(Statement(actions: ["read"], resources: ["prod"]))
        let g = Fixtures.compile(m)
        let r = g.radius(from: g.startFor("dev"), options: Fixtures.options())
        #expect(r.resources.first { g.resources[$0.resource.index].id == "prod/r3" }?.actions == ["*"])
        #expect(r.fullControl() == nil)
    }
}
