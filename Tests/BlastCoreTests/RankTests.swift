import BlastCore
import BlastImport
import BlastTestSupport
import Testing

@Suite("Ranking")
struct RankTests {
    let graph: AccessGraph = {
        do { return try AccessGraph.compile(ModelSources.load(paths: [Fixtures.acmePath]).model) } catch { preconditionFailure("\(error)") }
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

    /// Every rank entry equals the figures of one radius from its source.
    func expectAgreesWithRadius(_ g: AccessGraph, _ options: QueryOptions) {
        let ranking = g.rank(options: options, order: .weighted)
        for e in ranking.entries {
            let r = g.radius(from: e.start, options: options)
            #expect(e.resources == r.resources.count, "\(e.id)")
            #expect(e.critical == r.resources.filter { g.resources[$0.resource.index].criticality == .critical }.count, "\(e.id)")
            #expect(e.eligibleResources == r.eligible.count, "\(e.id)")
            #expect(e.eligibleCritical == r.eligible.filter { g.resources[$0.resource.index].criticality == .critical }.count, "\(e.id)")
        }
    }

    @Test("rank agrees with one radius per source on a generated organisation (cycles, pivots, takeovers)")
    func generated() {
        expectAgreesWithRadius(Fixtures.compile(SyntheticOrganisation.generate(identities: 400, seed: 3)), Fixtures.options())
    }

    @Test("an approval-gated grant that brings a deny: eligible figures are exact set differences")
    func approvalBringsDeny() {
        // ops reads prod standing; an approval-gated break-glass role adds prod/db writes but
        // denies reading prod/secrets, so with approvals ops loses prod/secrets: reach is not
        // monotone in approvals.
        let m = Model(
            identities: [Identity(id: "ops")],
            credentials: [Credential(id: "ops-key", of: "ops")],
            roles: [
                Role(id: "reader", allow: [Statement(actions: ["read"], resources: ["prod"])]),
                Role(
                    id: "break-glass", allow: [Statement(actions: ["write"], resources: ["prod/db", "staging"])],
                    deny: [Statement(actions: ["read"], resources: ["prod/secrets"])]),
            ],
            grants: [Grant(to: "ops", role: "reader"), Grant(to: "ops", role: "break-glass", terms: Terms(approval: true))],
            resources: [
                Resource(id: "prod"), Resource(id: "prod/db", criticality: .critical),
                Resource(id: "prod/secrets", criticality: .critical), Resource(id: "staging"),
            ])
        let g = Fixtures.compile(m)
        expectAgreesWithRadius(g, Fixtures.options())
        let ops = g.rank(options: Fixtures.options(), order: .count).entries.first { $0.id == "ops" }
        #expect(ops?.resources == 3)
        #expect(ops?.eligibleResources == 1)
    }

    @Test("an approval-gated deny that blocks a pivot: whole sets are compared")
    func approvalBlocksPivot() {
        // With approvals, ops may no longer read the wiki page holding admin's key, so it loses
        // the pivot to admin and everything admin reaches.
        let m = Model(
            identities: [Identity(id: "ops"), Identity(id: "admin")],
            credentials: [Credential(id: "ops-key", of: "ops"), Credential(id: "admin-key", of: "admin", storedIn: ["wiki/page"])],
            roles: [
                Role(id: "reader", allow: [Statement(actions: ["read"], resources: ["wiki"])]),
                Role(id: "prod-admin", allow: [Statement(actions: ["*"], resources: ["prod"])]),
                Role(
                    id: "break-glass", allow: [Statement(actions: ["write"], resources: ["staging"])],
                    deny: [Statement(actions: ["read"], resources: ["wiki"])]),
            ],
            grants: [
                Grant(to: "ops", role: "reader"), Grant(to: "admin", role: "prod-admin"),
                Grant(to: "ops", role: "break-glass", terms: Terms(approval: true)),
            ],
            resources: [
                Resource(id: "prod"), Resource(id: "prod/db", criticality: .critical), Resource(id: "staging"),
                Resource(id: "wiki"), Resource(id: "wiki/page"),
            ])
        let g = Fixtures.compile(m)
        expectAgreesWithRadius(g, Fixtures.options())
        let ops = g.rank(options: Fixtures.options(), order: .count).entries.first { $0.id == "ops" }
        #expect(ops?.resources == 4)
        #expect(ops?.eligibleResources == 1)
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
