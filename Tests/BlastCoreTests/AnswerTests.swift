import BlastCore
import BlastTestSupport
import Testing

/// The answers commands present: computed in Core, so every front end shows the same thing.
@Suite("Answers")
struct AnswerTests {
    @Test("a chokepoint report ranks the shared membership first, and verifies its cut by recompiling")
    func chokepointReport() throws {
        let (_, report) = try Fixtures.funnelChokepoints()
        #expect(report.verified)
        #expect(report.pairs == 2)
        #expect(report.cut.cuts.map(\.change) == [.removeMember(group: "platform", member: "dba")])
        #expect(report.ranking.first?.change == .removeMember(group: "platform", member: "dba"))
        #expect(report.ranking.first?.pairs == 2)
        #expect(report.cutRemoves > 0)
        #expect(report.removedEdges.map(\.kind) == [.member])
    }

    @Test("an organisation diff lists each source that gains a critical resource, orders ties by id, and trips the gate")
    func diffGate() {
        let before = Fixtures.funnel()
        var after = before
        after.identities.append(Identity(id: "dan"))
        after.credentials.append(Credential(id: "dan-key", of: "dan"))
        after.groups[0].members.append("dan")
        let d = OrganisationDiff(before: Fixtures.compile(before), after: Fixtures.compile(after), options: Fixtures.options())
        #expect(d.changes.map(\.id) == ["dan", "dan-key"])
        #expect(d.changes.map(\.kind) == [.identity, .credential])
        #expect(d.changes.map(\.criticalGains) == [1, 1])
        #expect(d.changes.map(\.escalations) == [0, 0])
        #expect(d.addsCriticalReach)
        let same = OrganisationDiff(before: Fixtures.compile(before), after: Fixtures.compile(before), options: Fixtures.options())
        #expect(same.changes.isEmpty)
        #expect(!same.addsCriticalReach)
    }

    @Test("what-if with a rotated credential: the start is gone afterwards and everything it reached is cut")
    func whatIfRotation() throws {
        let model = Fixtures.wikiLeaksDeployToken()
        let g = Fixtures.compile(model)
        let token = model.credentials[0].id
        let changed = try model.applying([.rotate(credential: token)])
        let w = WhatIf(
            model: model, before: g, startIDs: [token], starts: [g.startFor(token)], changes: [.rotate(credential: token)],
            after: Fixtures.compile(changed), options: Fixtures.options())
        #expect(w.diff.after.starts.isEmpty)
        #expect(w.diff.lost.count == w.diff.before.resources.count)
        #expect(w.diff.kept.isEmpty && w.diff.gained.isEmpty)
    }

    @Test("resources(atLeast:) selects by criticality in hierarchy order")
    func criticalSelection() throws {
        let g = Fixtures.compile(Fixtures.funnel())
        let critical = g.resources(atLeast: .critical).map { g.resources[$0.index].criticality }
        #expect(critical.allSatisfy { $0 == .critical })
        #expect(g.resources(atLeast: .low).count == g.resources.count)
    }
}
