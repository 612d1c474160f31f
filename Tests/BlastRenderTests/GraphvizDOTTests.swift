import BlastCore
import BlastRender
import Testing

@Suite("DOT output", .serialized)
struct GraphvizDOTTests {
    private func dot(_ scene: Scene) throws -> ParsedDOT {
        ParsedDOT(try GraphvizRenderer.render(scene, as: .dot))
    }

    private func dotText(_ scene: Scene) throws -> String {
        String(decoding: try GraphvizRenderer.render(scene, as: .dot), as: UTF8.self)
    }

    // MARK: Nodes

    @Test(
        "each node kind has its own shape",
        arguments: zip(
            SceneFixtures.kinds.map(\.name),
            ["note", "ellipse", "box3d", "hexagon", "component", "tab", "octagon", "cylinder", "folder"]
        ))
    func nodeKindShape(name: String, shape: String) throws {
        #expect(try dot(SceneFixtures.oneNodePerKind()).node(name)?["shape"] == shape)
    }

    @Test("no two node kinds share a shape")
    func shapesAreDistinct() throws {
        let parsed = try dot(SceneFixtures.oneNodePerKind())
        let shapes = SceneFixtures.kinds.compactMap { parsed.node($0.name)?["shape"] }
        #expect(shapes.count == SceneFixtures.kinds.count)
        #expect(Set(shapes).count == shapes.count)
    }

    @Test(
        "resources are filled by criticality",
        arguments: zip(
            Criticality.allCases, ["#b91c1c", "#fb923c", "#fde68a", "#f3f4f6"]
        ))
    func resourceFill(criticality: Criticality, fill: String) throws {
        let scene = Scene(
            title: "t", nodes: [Scene.Node(id: "r", label: "r", kind: .resource, criticality: criticality)], showsLegend: false)
        #expect(try dot(scene).node("r")?["fillcolor"] == fill)
    }

    @Test("an aggregate is a folder filled by its criticality, labelled by the scene")
    func aggregateNode() throws {
        let scene = Scene(
            title: "t",
            nodes: [Scene.Node(id: "prod/logs/*", label: "+137 under prod/logs", kind: .aggregate(count: 137), criticality: .high)],
            showsLegend: false
        )
        let node = try #require(try dot(scene).node("prod/logs/*"))
        #expect(node["shape"] == "folder")
        #expect(node["fillcolor"] == "#fb923c")
        #expect(node["label"] == "+137 under prod/logs")
    }

    @Test("the source has a double, thick border")
    func sourceEmphasis() throws {
        let node = try #require(try dot(SceneFixtures.leakedDeployToken()).node("gh-token"))
        #expect(node["peripheries"] == "2")
        #expect(node["penwidth"] == "2.5")
        #expect(node["fontname"] == "Helvetica-Bold")
    }

    @Test("eligible-only nodes have a dashed outline and say \"once approved\"")
    func eligibleOnlyDashed() throws {
        let node = try #require(try dot(SceneFixtures.leakedDeployToken()).node("aws-key"))
        #expect(node["style"] == "filled,dashed")
        #expect(node["label"] == #"aws-key\nonce approved"#)
    }

    @Test("node and edge tooltips come from the scene, line breaks escaped")
    func tooltips() throws {
        let parsed = try dot(SceneFixtures.leakedDeployToken())
        #expect(parsed.node("gh-token")?["tooltip"] == "credential gh-token of deployer\\nexpires 2025-01-01")
        #expect(parsed.edges(from: "admin", to: "prod/db").first?["tooltip"] == "allow: admin → prod/db")
    }

    @Test("labels are escaped so Graphviz does not expand \\N")
    func labelsAreEscaped() throws {
        let scene = Scene(title: "t", nodes: [Scene.Node(id: "n", label: #"C:\N"#, kind: .role)], showsLegend: false)
        #expect(try dot(scene).node("n")?["label"] == #"C:\\N"#)
    }

    @Test("node names are the scene ids, quoted as DOT needs")
    func nodeNamesAreSceneIDs() throws {
        let text = try dotText(SceneFixtures.leakedDeployToken())
        #expect(text.contains(#""prod/db""#))
        #expect(text.contains("deployer\t["))
    }

    @Test("a folded scene renders, aggregates as folders")
    func foldedSceneRenders() throws {
        let scene = SceneFixtures.reader(of: SceneFixtures.resources(6, under: "prod/logs") + SceneFixtures.resources(4, under: "prod/db"))
        let parsed = try dot(scene.aggregatingResources(maxResources: 2))
        #expect(parsed.node("prod/logs/*")?["shape"] == "folder")
        #expect(parsed.node("prod/logs/*")?["label"] == "+6 under prod/logs")
    }

    // MARK: Edges

    @Test(
        "pivot, takeover and escalate edges are red; allow edges grey",
        arguments: [
            (EdgeKind.pivot, "#dc2626"), (.takeover, "#dc2626"), (.escalate, "#dc2626"), (.allow, "#6b7280"),
        ])
    func edgeColour(kind: EdgeKind, colour: String) throws {
        let parsed = try dot(SceneFixtures.singleEdge(Scene.Edge(from: "a", to: "b", kind: kind)))
        // allow's grey is the edge default, so it is not repeated on the edge.
        #expect((parsed.edges(from: "a", to: "b").first?["color"] ?? "#6b7280") == colour)
    }

    @Test("credential, member, grant and assume edges have distinct colours of their own")
    func structuralEdgeColours() throws {
        let kinds: [EdgeKind] = [.credential, .member, .grant, .assume]
        let colours = try kinds.map { kind in
            try dot(SceneFixtures.singleEdge(Scene.Edge(from: "a", to: "b", kind: kind))).edges(from: "a", to: "b").first?["color"]
        }
        #expect(colours.allSatisfy { $0 != nil && $0 != "#6b7280" && $0 != "#dc2626" })
        #expect(Set(colours).count == kinds.count)
    }

    @Test("approval-gated edges are dashed")
    func approvalDashed() throws {
        let parsed = try dot(SceneFixtures.singleEdge(Scene.Edge(from: "a", to: "b", kind: .grant, needsApproval: true)))
        #expect(parsed.edges(from: "a", to: "b").first?["style"] == "dashed")
    }

    @Test("MFA-gated edges end in an open dot before the arrow")
    func mfaArrowhead() throws {
        let parsed = try dot(SceneFixtures.singleEdge(Scene.Edge(from: "a", to: "b", kind: .assume, needsMFA: true)))
        #expect(parsed.edges(from: "a", to: "b").first?["arrowhead"] == "normalodot")
    }

    @Test("highlighted edges are thick and darker; the others are faded")
    func highlightedEdges() throws {
        let parsed = try dot(SceneFixtures.leakedDeployToken())
        let highlighted = try #require(parsed.edges(from: "admin", to: "prod/db").first)
        let other = try #require(parsed.edges(from: "admin", to: "prod/logs").first)
        #expect(highlighted["penwidth"] == "2.5")
        #expect(highlighted["color"] == "#1f2937")
        #expect(other["penwidth"] == nil)
        #expect(other["color"] == "#6b728080")
    }

    @Test("nothing is faded when nothing is highlighted")
    func noFadingWithoutHighlight() throws {
        let parsed = try dot(SceneFixtures.singleEdge(Scene.Edge(from: "a", to: "b", kind: .grant)))
        #expect(parsed.edges(from: "a", to: "b").first?["color"] == "#1d4ed8")
    }

    @Test("removed edges are a doubled red line ending in a bar, labelled ✕ removed")
    func removedEdges() throws {
        let edge = try #require(try dot(SceneFixtures.leakedDeployToken()).edges(from: "prod/logs", to: "aws-key").first)
        #expect(edge["color"] == "#b91c1c:#ffffff:#b91c1c")
        #expect(edge["penwidth"] == "2")
        #expect(edge["arrowhead"] == "tee")
        #expect(edge["xlabel"] == "✕ removed")
    }

    @Test("every scene edge is drawn once")
    func everyEdgeDrawn() throws {
        let scene = SceneFixtures.leakedDeployToken()
        let parsed = try dot(scene)
        for edge in scene.edges {
            #expect(parsed.edges(from: edge.from, to: edge.to).count == 1, "\(edge.from) -> \(edge.to)")
        }
        #expect(parsed.edges.count == scene.edges.count)
    }

    // MARK: Graph and clusters

    @Test("the graph runs left to right in Helvetica with the title on top")
    func graphAttributes() throws {
        let graph = try #require(try dot(SceneFixtures.leakedDeployToken()).graphAttributes[""])
        #expect(graph["rankdir"] == "LR")
        #expect(graph["label"] == "Blast radius of gh-token")
        #expect(graph["labelloc"] == "t")
        #expect(graph["fontname"] == "Helvetica")
    }

    @Test("clustered nodes sit in a cluster_<key> subgraph labelled from the scene")
    func clusters() throws {
        var scene = SceneFixtures.leakedDeployToken()
        scene.clusters = [Scene.Cluster(key: "prod", label: "Production")]
        let parsed = try dot(scene)
        #expect(parsed.nodes["prod/db"]?.subgraph == "cluster_prod")
        #expect(parsed.nodes["prod/logs"]?.subgraph == "cluster_prod")
        #expect(parsed.nodes["admin"]?.subgraph == nil)
        #expect(parsed.graphAttributes["cluster_prod"]?["label"] == "Production")
    }

    @Test("cluster keys are sanitised, and keys that sanitise alike get distinct subgraphs")
    func clusterNamesSanitised() throws {
        let scene = Scene(
            title: "t",
            nodes: [
                Scene.Node(id: "a", label: "a", kind: .resource, cluster: "prod-eu"),
                Scene.Node(id: "b", label: "b", kind: .resource, cluster: "prod_eu"),
            ],
            clusters: [Scene.Cluster(key: "prod-eu", label: "prod-eu"), Scene.Cluster(key: "prod_eu", label: "prod_eu")],
            showsLegend: false
        )
        let parsed = try dot(scene)
        #expect(parsed.nodes["a"]?.subgraph == "cluster_prod_eu")
        #expect(parsed.nodes["b"]?.subgraph == "cluster_prod_eu_2")
    }

    @Test("clusters are written in scene order, not Graphviz's internal order")
    func clusterOrder() throws {
        let keys = ["zeta", "alpha", "mu", "beta", "omega", "gamma"]
        let scene = Scene(
            title: "t",
            nodes: keys.map { Scene.Node(id: $0 + "/r", label: $0, kind: .resource, cluster: $0) },
            clusters: keys.map { Scene.Cluster(key: $0, label: $0) },
            showsLegend: false
        )
        #expect(try dot(scene).subgraphs == keys.map { "cluster_" + $0 })
    }

    @Test("a node whose cluster the scene does not list is clustered under its key")
    func unlistedCluster() throws {
        let scene = Scene(title: "t", nodes: [Scene.Node(id: "r", label: "r", kind: .resource, cluster: "dev")], showsLegend: false)
        let parsed = try dot(scene)
        #expect(parsed.nodes["r"]?.subgraph == "cluster_dev")
        #expect(parsed.graphAttributes["cluster_dev"]?["label"] == "dev")
    }

    // MARK: Legend

    @Test("the full legend is a cluster with a sample of every shape, criticality and edge style")
    func legend() throws {
        let parsed = ParsedDOT(try GraphvizRenderer.render(SceneFixtures.leakedDeployToken(showsLegend: true), as: .dot, legend: .full))
        #expect(parsed.subgraphs.contains("cluster_legend"))
        let samples = parsed.nodes.values.filter { $0.subgraph == "cluster_legend" }
        let shapes = Set(samples.compactMap { $0.attributes["shape"] })
        #expect(shapes.isSuperset(of: ["note", "ellipse", "box3d", "hexagon", "component", "tab", "octagon", "cylinder", "folder"]))
        let fills = Set(samples.compactMap { $0.attributes["fillcolor"] })
        #expect(fills.isSuperset(of: ["#b91c1c", "#fb923c", "#fde68a", "#f3f4f6"]))
        let captions = parsed.legendCaptions
        #expect(
            captions.isSuperset(of: [
                "credential", "member", "grant", "assume", "allow (actions)", "needs approval", "needs MFA", "✕ removed by the change",
                "+ added by the change", "✕ blocked: the missing approval", "expired / not yet in force", "cut off by the change",
            ]))
    }

    @Test("no legend unless the scene asks for one")
    func noLegend() throws {
        let parsed = try dot(SceneFixtures.leakedDeployToken(showsLegend: false))
        #expect(!parsed.subgraphs.contains("cluster_legend"))
        #expect(parsed.nodes.count == SceneFixtures.leakedDeployToken().nodes.count)
    }

    @Test("legend samples never take a scene node's name")
    func legendNamesAvoidSceneIDs() throws {
        let scene = Scene(title: "t", nodes: [Scene.Node(id: "legend_credential", label: "mine", kind: .credential)])
        let parsed = try dot(scene)
        #expect(parsed.node("legend_credential")?["label"] == "mine")
        #expect(parsed.nodes["legend_credential"]?.subgraph == nil)
        #expect(parsed.nodes["_legend_credential"]?.subgraph == "cluster_legend")
    }

    // MARK: Determinism and edge cases

    @Test("the same scene gives byte-identical DOT, whatever was rendered in between")
    func deterministic() throws {
        let scenes = [
            SceneFixtures.leakedDeployToken(showsLegend: true), SceneFixtures.oneNodePerKind(), SceneFixtures.leakedDeployToken(),
        ]
        let first = try scenes.map { try GraphvizRenderer.render($0, as: .dot) }
        for round in 0..<10 {
            _ = try GraphvizRenderer.render(scenes[round % scenes.count], as: .svg)
            for (scene, expected) in zip(scenes, first) {
                #expect(try GraphvizRenderer.render(scene, as: .dot) == expected, "round \(round): \(scene.title)")
            }
        }
    }

    @Test("DOT carries no layout positions")
    func noPositions() throws {
        let text = try dotText(SceneFixtures.leakedDeployToken(showsLegend: true))
        #expect(!text.contains("pos="))
        #expect(!text.contains("bb="))
    }

    @Test("a scene without nodes still renders", arguments: [false, true])
    func emptyScene(showsLegend: Bool) throws {
        let scene = Scene(title: "Nothing reachable", showsLegend: showsLegend)
        #expect(try dotText(scene).hasPrefix("digraph blast {"))
        #expect(try dot(scene).graphAttributes[""]?["label"] == "Nothing reachable")
    }

    @Test("a duplicate node id is an invalid scene")
    func duplicateNode() {
        let scene = Scene(title: "t", nodes: [Scene.Node(id: "x", label: "x", kind: .role), Scene.Node(id: "x", label: "y", kind: .role)])
        #expect(throws: RenderError.self) { try GraphvizRenderer.render(scene, as: .dot) }
        #expect(Self.code(of: scene) == .invalidScene)
    }

    @Test("an edge to a node the scene does not hold is an invalid scene")
    func danglingEdge() {
        let scene = Scene(
            title: "t", nodes: [Scene.Node(id: "a", label: "a", kind: .role)],
            edges: [Scene.Edge(from: "a", to: "ghost", kind: .allow)])
        #expect(Self.code(of: scene) == .invalidScene)
    }

    private static func code(of scene: Scene) -> RenderError.Code? {
        do {
            _ = try GraphvizRenderer.render(scene, as: .dot)
            return nil
        } catch {
            return error.code
        }
    }
}
