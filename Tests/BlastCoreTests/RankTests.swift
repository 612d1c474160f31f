import BlastCore
import BlastImport
import BlastTestSupport
import Testing

@Suite("Ranking")
struct RankTests {
    let graph: AccessGraph = {
        do { return try AccessGraph.compile(ModelLoader.load(paths: [Fixtures.acmePath])) } catch { preconditionFailure("\(error)") }
    }()

    @Test("rank agrees with one radius per source, standing and eligible", arguments: [false, true])
    func agreesWithRadius(mfa: Bool) {
        let options = Fixtures.options(mfa: mfa)
        let ranking = graph.rank(options: options, order: .weighted)
        #expect(ranking.entries.count == graph.identities.count + graph.credentials.filter { $0.isValid(at: options.at) }.count)
        for e in ranking.entries {
            let r = graph.radius(from: e.start, options: options)
            #expect(e.resources == r.resources.count, "\(e.id)")
            #expect(e.critical == r.resources.filter { graph.resources[$0.resource.index].criticality == .critical }.count, "\(e.id)")
            #expect(e.weighted == r.resources.reduce(0) { $0 + Ranking.weight(graph.resources[$1.resource.index].criticality) }, "\(e.id)")
            #expect(e.eligibleResources == r.eligible.count, "\(e.id)")
        }
    }

    @Test("entries are sorted by the chosen figure, ties by id", arguments: Ranking.Order.allCases)
    func sorted(order: Ranking.Order) {
        let e = graph.rank(options: Fixtures.options(), order: order).entries
        for (a, b) in zip(e, e.dropFirst()) {
            switch order {
            case .critical: #expect(a.critical >= b.critical)
            case .count: #expect(a.resources >= b.resources)
            case .weighted: #expect(a.weighted >= b.weighted)
            }
        }
    }

    @Test("an assume cycle is one component: both members reach the same")
    func cycle() {
        let g = Fixtures.compile(Fixtures.assumeCycle())
        let e = g.rank(options: Fixtures.options(), order: .count).entries
        #expect(e.map(\.resources) == [1, 1])
    }
}

@Suite("Interval sets")
struct IntervalSetTests {
    @Test("union merges overlapping and touching runs")
    func union() {
        let a = IntervalSet(runs: [0..<3, 10..<12]), b = IntervalSet(runs: [3..<5, 11..<20, 30..<31])
        #expect(a.union(b).runs == [0..<5, 10..<20, 30..<31])
    }

    @Test("subtracting removes every covered position")
    func subtract() {
        let a = IntervalSet(runs: [0..<10, 20..<30]), b = IntervalSet(runs: [2..<4, 8..<22, 29..<40])
        #expect(a.subtracting(b).runs == [0..<2, 4..<8, 22..<29])
    }
}
