import BlastCore
import BlastImport
import BlastTestSupport
import Testing

@Suite("Chokepoints")
struct ChokepointTests {
    func reachesAny(_ model: Model, _ starts: [String], _ targets: [String]) -> Bool {
        let g = Fixtures.compile(model)
        let r = g.radius(from: starts.map { g.startFor($0) }, options: Fixtures.options())
        return g.ids(r.resources).contains { targets.contains($0) }
    }

    @Test("the minimum cut of a funnel is the one shared membership, and applying it disconnects")
    func funnel() throws {
        let model = Fixtures.funnel()
        let g = Fixtures.compile(model)
        let cut = g.chokepoints(
            from: [g.startFor("ann-key"), g.startFor("ben-key")], to: [g.resourceFor("prod/db")],
            options: Fixtures.options())
        #expect(cut.cost == 1)
        #expect(cut.cuts.map(\.change) == [.removeMember(group: "platform", member: "dba")])
        let after = try model.applying(cut.cuts.map(\.change))
        #expect(!reachesAny(after, ["ann-key", "ben-key"], ["prod/db"]))
    }

    @Test("costs steer the cut: when memberships are dear, revoking the two grants is cheaper")
    func weighted() throws {
        let model = Fixtures.funnel()
        let g = Fixtures.compile(model)
        let cut = g.chokepoints(
            from: [g.startFor("ann-key")], to: [g.resourceFor("prod/db")], options: Fixtures.options(),
            costs: [.member: 10, .grant: 3, .copy: 1])
        #expect(cut.cost == 6)
        #expect(
            Set(cut.cuts.map(\.change)) == [.revokeGrant(to: "platform", role: "db-read"), .revokeGrant(to: "platform", role: "db-write")])
        #expect(!reachesAny(try model.applying(cut.cuts.map(\.change)), ["ann-key"], ["prod/db"]))
    }

    @Test("on the sample, cutting every credential off the critical databases is verified by re-running the radius")
    func sample() throws {
        let model = try ModelSources.load(paths: [Fixtures.acmePath]).model
        let g = try AccessGraph.compile(model)
        let valid = g.credentials.filter { $0.isValid(at: Fixtures.now) }.map(\.id)
        let starts = valid.map { g.startFor($0) }
        let targets = g.resources.indices.filter { g.resources[$0].criticality == .critical }.map { ResourceID($0) }
        let cut = g.chokepoints(from: starts, to: targets, options: Fixtures.options())
        #expect(cut.isFinite && !cut.cuts.isEmpty)
        let after = try AccessGraph.compile(try model.applying(cut.cuts.map(\.change)))
        let ids = Set(targets.map { g.resources[$0.index].id })
        let r = after.radius(from: valid.map { after.startFor($0) }, options: Fixtures.options())
        #expect(after.ids(r.resources).allSatisfy { !ids.contains($0) })
    }
}
