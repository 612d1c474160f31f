import BlastCore
import BlastRender
import Testing

@Suite("Folding resources into aggregates")
struct SceneAggregationTests {
    private let logs = SceneFixtures.resources(6, under: "prod/logs")
    private let db = SceneFixtures.resources(4, under: "prod/db")
    private let dev = SceneFixtures.resources(3, under: "dev/tmp")

    private func aggregates(of scene: Scene) -> [Scene.Node] {
        scene.nodes.filter { if case .aggregate = $0.kind { true } else { false } }
    }

    private func resourceAndAggregateCount(of scene: Scene) -> Int {
        scene.nodes.count { node in
            switch node.kind {
            case .resource, .aggregate: true
            case .credential, .identity, .group, .role: false
            }
        }
    }

    @Test("a scene within the budget is returned unchanged")
    func withinBudget() {
        let scene = SceneFixtures.reader(of: logs + db)
        #expect(scene.aggregatingResources(maxResources: 10) == scene)
    }

    @Test("past the budget, resources fold into one aggregate per subtree")
    func foldsPerSubtree() {
        let folded = SceneFixtures.reader(of: logs + db + dev).aggregatingResources(maxResources: 5)
        #expect(aggregates(of: folded).map(\.label) == ["+6 under prod/logs", "+4 under prod/db", "+3 under dev/tmp"])
        #expect(aggregates(of: folded).map(\.kind) == [.aggregate(count: 6), .aggregate(count: 4), .aggregate(count: 3)])
        #expect(resourceAndAggregateCount(of: folded) <= 5)
    }

    @Test("the deepest cut that fits is chosen; a tighter budget folds at the top level")
    func depthFollowsBudget() {
        let scene = SceneFixtures.reader(of: logs + db + dev)
        #expect(aggregates(of: scene.aggregatingResources(maxResources: 3)).map(\.id) == ["prod/logs/*", "prod/db/*", "dev/tmp/*"])
        #expect(aggregates(of: scene.aggregatingResources(maxResources: 2)).map(\.id) == ["prod/*", "dev/*"])
    }

    @Test("the top-level cut is kept even when it exceeds the budget")
    func topLevelIsTheFloor() {
        let folded = SceneFixtures.reader(of: logs + db + dev).aggregatingResources(maxResources: 1)
        #expect(aggregates(of: folded).map(\.label) == ["+10 under prod", "+3 under dev"])
    }

    @Test("highlighted resources and the source are never folded")
    func highlightedStay() {
        var scene = SceneFixtures.reader(of: logs + db, highlighted: ["prod/logs/r2"])
        scene.nodes.append(Scene.Node(id: "prod/logs/leak", label: "leak", kind: .resource, isSource: true, cluster: "prod"))
        let folded = scene.aggregatingResources(maxResources: 4)
        let ids = folded.nodes.map(\.id)
        #expect(ids.contains("prod/logs/r2"))
        #expect(ids.contains("prod/logs/leak"))
        #expect(aggregates(of: folded).map(\.kind) == [.aggregate(count: 5), .aggregate(count: 4)])
    }

    @Test("a subtree holding a single foldable resource keeps it as is")
    func singletonsStay() {
        let folded = SceneFixtures.reader(of: logs + ["prod/db/only"]).aggregatingResources(maxResources: 3)
        #expect(folded.nodes.map(\.id).contains("prod/db/only"))
        #expect(aggregates(of: folded).map(\.id) == ["prod/logs/*"])
    }

    @Test("an aggregate is as critical as its most critical member and counts members per criticality")
    func criticalityAndTooltip() throws {
        let scene = SceneFixtures.reader(of: logs + db) { id in
            switch id {
            case "prod/logs/r0": .critical
            case "prod/logs/r1", "prod/logs/r2": .medium
            default: .low
            }
        }
        let aggregate = try #require(aggregates(of: scene.aggregatingResources(maxResources: 2)).first)
        #expect(aggregate.criticality == .critical)
        #expect(aggregate.tooltip == "6 resources under prod/logs: 1 critical, 2 medium, 3 low")
        #expect(aggregate.cluster == "prod")
    }

    @Test("an aggregate takes the place of its first member in node order")
    func aggregateKeepsPlace() {
        let folded = SceneFixtures.reader(of: logs + db).aggregatingResources(maxResources: 2)
        #expect(folded.nodes.map(\.id) == ["reader", "prod/logs/*", "prod/db/*"])
    }

    @Test("edges go to the aggregate, one per (from, to, kind)")
    func edgesRedirectedAndMerged() {
        let folded = SceneFixtures.reader(of: logs + db).aggregatingResources(maxResources: 2)
        #expect(folded.edges.map { "\($0.from)->\($0.to)" } == ["reader->prod/logs/*", "reader->prod/db/*"])
        #expect(folded.edges.allSatisfy { $0.kind == .allow })
    }

    @Test("a merged edge is highlighted if any member edge is, gated or removed only if all are")
    func mergedEdgeFlags() throws {
        var scene = SceneFixtures.reader(of: logs + db)
        for index in scene.edges.indices where scene.edges[index].to.hasPrefix("prod/logs/") {
            scene.edges[index].needsApproval = true
            scene.edges[index].isRemoved = scene.edges[index].to != "prod/logs/r3"
        }
        // Highlight an edge without highlighting its resource, so the resource still folds.
        scene.edges[1].isHighlighted = true
        let merged = try #require(scene.aggregatingResources(maxResources: 2).edges.first { $0.to == "prod/logs/*" })
        #expect(merged.isHighlighted)
        #expect(merged.needsApproval)
        #expect(!merged.isRemoved)
        #expect(!merged.needsMFA)
    }

    @Test("edges leaving folded resources are redirected too")
    func outgoingEdgesRedirected() {
        var scene = SceneFixtures.reader(of: logs + db)
        scene.nodes.append(Scene.Node(id: "key", label: "key", kind: .credential))
        scene.edges += ["prod/logs/r0", "prod/logs/r4"].map { Scene.Edge(from: $0, to: "key", kind: .pivot) }
        let folded = scene.aggregatingResources(maxResources: 2)
        #expect(folded.edges.filter { $0.kind == .pivot }.map(\.from) == ["prod/logs/*"])
    }

    @Test("folding the same scene twice gives the same scene")
    func deterministic() {
        let scene = SceneFixtures.reader(of: dev + logs + db, highlighted: ["prod/db/r1"])
        #expect(scene.aggregatingResources(maxResources: 3) == scene.aggregatingResources(maxResources: 3))
    }

    @Test("the order of resources in the scene does not change which folds are made")
    func foldsIndependentOfOrder() {
        let forward = SceneFixtures.reader(of: logs + db + dev).aggregatingResources(maxResources: 3)
        let backward = SceneFixtures.reader(of: (logs + db + dev).reversed()).aggregatingResources(maxResources: 3)
        #expect(Set(aggregates(of: forward).map(\.id)) == Set(aggregates(of: backward).map(\.id)))
    }
}
