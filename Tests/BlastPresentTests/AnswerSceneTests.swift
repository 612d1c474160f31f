import BlastAudit
import BlastCore
import BlastPresent
import BlastRender
import BlastTestSupport
import Testing

/// Each answer's picture shows the answer: a "no" looks blocked, a cut looks cut, an added edge
/// looks added, an expired grant looks expired.
@Suite("Answer scenes")
struct AnswerSceneTests {
    @Test("can → no (yes once approved): the missing approval is blocked, the target not reached and eligible-only")
    func canNoMarksTheBlock() throws {
        let g = Fixtures.compile(Fixtures.breakGlass())
        let answer = g.can(from: g.startFor("frank"), action: "delete", on: g.resourceFor("prod/db"), options: Fixtures.options())
        #expect(!answer.allowed)
        let scene = CanPresenter(answer, graph: g, from: "frank", action: "delete", on: "prod/db", options: Fixtures.options()).scene()
        let target = try #require(scene.nodes.first { $0.id == "prod/db" })
        #expect(target.isBlocked)
        #expect(target.isEligibleOnly)
        #expect(!target.isHighlighted)
        let gates = scene.edges.filter(\.isBlocked)
        #expect(gates.map { "\($0.from)->\($0.to)" } == ["oncall->break-glass"])
        #expect(scene.nodes.first { $0.id == "frank" }?.isEligibleOnly == false)
        #expect(scene.edges.first { $0.to == "prod/db" }?.label == "delete")
    }

    @Test("can → yes: nothing is blocked and the target is on the path")
    func canYesIsNotBlocked() {
        let g = Fixtures.compile(Fixtures.breakGlass())
        let answer = g.can(from: g.startFor("frank"), action: "read", on: g.resourceFor("wiki/home"), options: Fixtures.options())
        let scene = CanPresenter(answer, graph: g, from: "frank", action: "read", on: "wiki/home", options: Fixtures.options()).scene()
        #expect(!scene.nodes.contains { $0.isBlocked })
        #expect(!scene.edges.contains { $0.isBlocked })
        #expect(scene.nodes.first { $0.id == "wiki/home" }?.isHighlighted == true)
    }

    @Test("what-if: the removed edge is red, and what it cuts off (the lost resources) is faded")
    func whatIfFadesTheCut() throws {
        let w = try Fixtures.wikiRevokeWhatIf()
        let scene = WhatIfPresenter(w).scene()
        #expect(scene.edges.filter(\.isRemoved).map { "\($0.from)->\($0.to)" } == ["engineering->wiki-reader"])
        for id in ["wiki-reader", "wiki/runbooks/deploy", "deploy-token", "prod/app"] {
            let node = try #require(scene.nodes.first { $0.id == id }, "\(id)")
            #expect(node.isFaded, "\(id)")
            #expect(!node.isHighlighted, "\(id)")
        }
        #expect(scene.nodes.first { $0.id == "engineering" }?.isFaded == false)
    }

    @Test("chokepoints: the cut is red and everything past it faded")
    func chokepointsFadeTheCut() throws {
        let (g, report) = try Fixtures.funnelChokepoints()
        let scene = ChokepointsPresenter(report, graph: g).scene()
        #expect(!scene.edges.filter(\.isRemoved).isEmpty)
        #expect(scene.nodes.first { $0.id == "prod/db" }?.isFaded == true)
        #expect(!scene.edges.contains { $0.isHighlighted && $0.isFaded })
    }

    @Test("diff: the grant the change adds is marked added; edges both versions declare are not")
    func diffMarksAddedEdges() throws {
        let before = Fixtures.breakGlass()
        var after = before
        after.grants.append(Grant(to: "frank", role: "break-glass"))
        let d = OrganisationDiff(before: Fixtures.compile(before), after: Fixtures.compile(after), options: Fixtures.options())
        let scene = DiffPresenter(d, old: ["before"], new: ["after"], failed: false).scene()
        let added = scene.edges.filter(\.isAdded).map { "\($0.from)->\($0.to)" }
        #expect(added == ["frank->break-glass"])
        #expect(scene.edges.contains { $0.from == "break-glass" && !$0.isAdded })
    }

    @Test("diff: a grant the change removes is drawn from the old version, red, with what it cut off faded")
    func diffMarksRemovedEdges() throws {
        let before = Fixtures.wikiLeaksDeployToken()
        var after = before
        after.grants.removeAll { $0.to == "engineering" }
        let d = OrganisationDiff(before: Fixtures.compile(before), after: Fixtures.compile(after), options: Fixtures.options())
        let scene = DiffPresenter(d, old: ["before"], new: ["after"], failed: false).scene()
        #expect(scene.edges.filter(\.isRemoved).map { "\($0.from)->\($0.to)" } == ["engineering->wiki-reader"])
        #expect(scene.nodes.first { $0.id == "prod/app" }?.isFaded == true)
        #expect(scene.nodes.first { $0.id == "dave" }?.isFaded == false)
        #expect(scene.title.contains("lost)"))
        _ = try GraphvizRenderer.render(scene, as: .dot)
    }

    @Test("diff: a grant whose terms change (MFA dropped) is marked added")
    func diffMarksChangedTerms() throws {
        let before = Fixtures.mfaGated()
        var after = before
        after.grants = [Grant(to: "alice", role: "admin")]
        let d = OrganisationDiff(before: Fixtures.compile(before), after: Fixtures.compile(after), options: Fixtures.options())
        let scene = DiffPresenter(d, old: ["before"], new: ["after"], failed: false).scene()
        #expect(scene.edges.filter(\.isAdded).map { "\($0.from)->\($0.to)" } == ["alice->admin"])
    }

    @Test("lp.expired-leftover evidence draws the expired assume inactive, not as a bold live edge")
    func expiredEvidenceIsInactive() throws {
        let g = Fixtures.compile(AuditFixtures.expiredLeftovers())
        let context = AuditContext(graph: g, settings: AuditSettings(at: Fixtures.now))
        let presenter = AuditPresenter(graph: g, context: context, result: Audit.run(context))
        let scenes = presenter.evidenceScenes().filter { $0.finding.rule == "lp.expired-leftover" }
        let assume = try #require(scenes.flatMap(\.scene.edges).first { $0.kind == .assume })
        #expect(assume.isInactive)
        #expect(!assume.isHighlighted)
        #expect(assume.label == "expired 2026-03-31")
    }

    @Test("an evidence picture's title says what its paths prove, without Markdown backticks")
    func evidenceTitle() throws {
        let g = Fixtures.compile(AuditFixtures.expiredLeftovers())
        let context = AuditContext(graph: g, settings: AuditSettings(at: Fixtures.now))
        let presenter = AuditPresenter(graph: g, context: context, result: Audit.run(context))
        let scene = try #require(presenter.evidenceScenes().first { $0.finding.rule == "lp.expired-leftover" }?.scene)
        #expect(scene.title.contains("\nevidence: the expired"))
        #expect(presenter.evidenceScenes().allSatisfy { !$0.scene.title.contains("`") })
    }

    @Test("rank: each ranked start says its rank and reach")
    func rankLabels() throws {
        let g = Fixtures.compile(Fixtures.breakGlass())
        let ranking = g.rank(options: Fixtures.options(), order: .critical)
        let scene = RankPresenter(ranking, graph: g, top: 1).scene()
        let first = try #require(scene.nodes.first { $0.id == ranking.entries[0].id })
        #expect(first.detail?.hasPrefix("#1: ") == true)
    }

    @Test("the whole model at an instant draws an expired grant inactive")
    func modelAtInstant() throws {
        let g = Fixtures.compile(AuditFixtures.expiredLeftovers())
        let scene = ModelPresenter(g, at: Fixtures.now).scene()
        #expect(scene.edges.first { $0.from == "dave" && $0.to == "debug" }?.isInactive == true)
        #expect(ModelPresenter(g).scene().edges.first { $0.from == "dave" && $0.to == "debug" }?.isInactive == false)
    }
}
