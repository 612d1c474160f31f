import BlastCore
import BlastRender
import BlastTestSupport
import Testing

extension Scene.Node.Kind {
    fileprivate var isFold: Bool {
        if case .aggregate = self { true } else { false }
    }
}

/// Past a node budget, identities, credentials, groups and roles fold as resources do, so that a
/// whole organisation fits a page and says what was folded.
@Suite("Folding elements", .serialized)
struct SceneFoldingTests {
    /// `count` humans, each a member of `team`, which holds `reader`; `alice` is the source.
    private func team(_ count: Int) -> Scene {
        let people = (0..<count).map { "u\($0)" }
        return Scene(
            title: "team",
            nodes: [Scene.Node(id: "alice", label: "alice", kind: .identity(.human), isSource: true)]
                + people.map { Scene.Node(id: $0, label: $0, kind: .identity(.human)) }
                + [Scene.Node(id: "team", label: "team", kind: .group), Scene.Node(id: "reader", label: "reader", kind: .role)],
            edges: [Scene.Edge(from: "alice", to: "team", kind: .member)]
                + people.map { Scene.Edge(from: $0, to: "team", kind: .member) }
                + [Scene.Edge(from: "team", to: "reader", kind: .grant)],
            showsLegend: false)
    }

    @Test("a scene within the budget is left as it is")
    func withinBudget() {
        #expect(team(5).foldingElements(maxNodes: 10) == team(5))
    }

    @Test("members leading to the same nodes fold into one '+N humans' node; the source never folds; the title says so")
    func foldsBySuccessors() throws {
        let folded = team(40).foldingElements(maxNodes: 10)
        #expect(folded.nodes.count == 4)
        let fold = try #require(folded.nodes.first { $0.label == "+40 humans" })
        #expect(fold.kind == .identity(.human))
        #expect(folded.nodes.contains { $0.id == "alice" })
        #expect(folded.edges.filter { $0.to == "team" }.count == 2)
        #expect(folded.title.hasSuffix("(folded to fit a page: 40 humans)"))
        // It renders: every edge ends at a node of the scene.
        _ = try GraphvizRenderer.render(folded, as: .dot)
    }

    @Test("highlighted nodes fold last, among themselves, and stay highlighted")
    func highlightedFoldLast() throws {
        var scene = team(40)
        for k in scene.nodes.indices where scene.nodes[k].id.hasPrefix("u") { scene.nodes[k].isHighlighted = true }
        let folded = scene.foldingElements(maxNodes: 10)
        #expect(folded.nodes.count <= 10)
        let fold = try #require(folded.nodes.first { $0.label == "+40 humans" })
        #expect(fold.isHighlighted)
    }

    @Test("a radius of 532 resources draws every one (no hidden cap): folding, not a path limit, sizes the picture")
    func radiusHasNoHiddenCap() throws {
        let g = Fixtures.compile(SyntheticOrganisation.generate(identities: 2000, seed: 7))
        let radius = g.radius(from: [g.startFor("svc500-key0")], options: Fixtures.options())
        #expect(radius.resources.count > 250)
        let scene = SceneBuilder.radius(graph: g, radius: radius, sourceID: "svc500-key0")
        #expect(scene.nodes.count { $0.kind == .resource } == radius.resources.count)
        #expect(!scene.nodes.contains { $0.id == "blast:not-drawn" })
        let fitted = scene.fitted(maxResources: 150, maxNodes: 150)
        #expect(fitted.nodes.count { $0.kind == .resource || $0.kind.isFold } <= 150)
    }

    @Test("the whole generated organisation of 2,000 identities fits the budget and renders")
    func wholeOrganisationFits() throws {
        let g = Fixtures.compile(SyntheticOrganisation.generate(identities: 2000, seed: 7))
        let scene = SceneBuilder.model(graph: g, title: "org", at: Fixtures.now).fitted(maxResources: 150, maxNodes: 150)
        #expect(scene.nodes.count <= 150)
        #expect(scene.title.contains("folded to fit a page"))
        // Folds of folds count each element once: no kind folds more elements than it has.
        let humans = g.identities.count { $0.kind == .human }
        let folds = scene.nodes.filter { $0.kind == .identity(.human) && $0.label.hasPrefix("+") }
        let shown = folds.compactMap { Int($0.label.dropFirst().prefix { $0.isNumber }) }.reduce(0, +)
        #expect(shown <= humans)
        #expect(scene.title.contains("\(shown) humans") || shown == 0)
        let dot = try GraphvizRenderer.render(scene, as: .dot)
        #expect(!dot.isEmpty)
    }
}
