import BlastCore
import BlastRender
import BlastTestSupport
import Foundation
import Testing

/// The visual grammar of docs/diagrams.md, pinned on the DOT attributes that carry it: a picture
/// must never say the opposite of the answer.
@Suite("Diagram grammar", .serialized)
struct DiagramGrammarTests {
    private func dot(_ scene: Scene, legend: LegendStyle = .compact) throws -> ParsedDOT {
        ParsedDOT(try GraphvizRenderer.render(scene, as: .dot, legend: legend))
    }

    /// frank's radius: wiki/home standing, prod/db only through the approval-gated break-glass grant.
    private func frankRadius() -> Scene {
        let g = Fixtures.compile(Fixtures.breakGlass())
        return SceneBuilder.radius(graph: g, radius: g.radius(from: [g.startFor("frank")], options: Fixtures.options()), sourceID: "frank")
    }

    // MARK: Approval-only, expired, blocked

    @Test("what only approval reaches is eligible-only, dashed and says so, although its edges are added after it")
    func approvalOnlyIsDashed() throws {
        let scene = frankRadius()
        let db = try #require(scene.nodes.first { $0.id == "prod/db" })
        let role = try #require(scene.nodes.first { $0.id == "break-glass" })
        #expect(db.isEligibleOnly)
        #expect(role.isEligibleOnly)
        let parsed = try dot(scene)
        #expect(parsed.node("prod/db")?["style"] == "filled,dashed")
        #expect(parsed.node("prod/db")?["label"]?.hasSuffix(#"\nonce approved"#) == true)
    }

    @Test("what is reached before the approval gate, or by a standing path too, is drawn standing")
    func standingBeforeTheGate() throws {
        let scene = frankRadius()
        for id in ["frank", "oncall", "wiki-reader", "wiki/home"] {
            let node = try #require(scene.nodes.first { $0.id == id }, "\(id)")
            #expect(!node.isEligibleOnly, "\(id)")
        }
        #expect(try dot(scene).node("oncall")?["style"] == nil)
    }

    @Test("a grant not in force at the answer's instant is grey, dotted, never bold, and labelled with its expiry")
    func expiredGrantIsInactive() throws {
        let g = Fixtures.compile(AuditFixtures.expiredLeftovers())
        let scene = SceneBuilder.model(graph: g, title: "model", at: Fixtures.now)
        let grant = try #require(scene.edges.first { $0.from == "dave" && $0.to == "debug" })
        #expect(grant.isInactive)
        let edge = try #require(try dot(scene).edges(from: "dave", to: "debug").first)
        #expect(edge["style"] == "dotted")
        #expect(edge["color"] == "#9ca3af")
        #expect(edge["penwidth"] == nil)
        #expect(edge["xlabel"] == "expired 2026-06-30")
    }

    @Test("an expired step on a highlighted (evidence) path stays dotted and thin")
    func expiredEvidenceIsNotBold() throws {
        let g = Fixtures.compile(AuditFixtures.expiredLeftovers())
        let step = PathStep(
            from: "ops", fromKind: .identity, to: "deploy-bot", toKind: .identity, edge: .assume,
            terms: Terms(expires: Fixtures.date("2026-03-31")))
        let scene = SceneBuilder.scene(
            graph: g, title: "lp.expired-leftover", source: "ops", paths: [.init(steps: [step], isHighlighted: true)], at: Fixtures.now)
        let edge = try #require(try dot(scene).edges(from: "ops", to: "deploy-bot").first)
        #expect(edge["style"] == "dotted")
        #expect(edge["penwidth"] == nil)
        #expect(edge["xlabel"] == "expired 2026-03-31")
        #expect(scene.nodes.first { $0.id == "deploy-bot" }?.isHighlighted == false)
    }

    @Test("the compact legend shows a kind's colour only when an edge of that kind is drawn in it")
    func legendSkipsRecolouredKinds() throws {
        let scene = SceneFixtures.singleEdge(Scene.Edge(from: "a", to: "b", kind: .assume, isInactive: true), showsLegend: true)
        #expect(try dot(scene).legendCaptions == ["expired / not yet in force"])
    }

    @Test("a grant still in force says until when")
    func activeGrantSaysUntil() throws {
        let g = Fixtures.compile(Fixtures.timeBound())
        let scene = SceneBuilder.model(graph: g, title: "model", at: Fixtures.now)
        #expect(try dot(scene).edges(from: "bob", to: "debug").first?["xlabel"] == "until 2026-12-31")
    }

    @Test("a blocked \"no\": the missing approval is a thick red dashed bar, the target red and not reached")
    func blockedNo() throws {
        var scene = SceneFixtures.singleEdge(Scene.Edge(from: "oncall", to: "break-glass", kind: .grant, needsApproval: true))
        scene.nodes.append(Scene.Node(id: "prod/db", label: "prod/db", kind: .resource, criticality: .critical))
        scene.markBlocked(target: "prod/db", gate: ("oncall", "break-glass", .grant))
        let parsed = try dot(scene)
        let gate = try #require(parsed.edges(from: "oncall", to: "break-glass").first)
        #expect(gate["color"] == "#b91c1c")
        #expect(gate["style"] == "dashed")
        #expect(gate["penwidth"] == "3")
        #expect(gate["arrowhead"] == "tee")
        #expect(gate["xlabel"]?.hasPrefix("✕ blocked") == true)
        let target = try #require(parsed.node("prod/db"))
        #expect(target["color"] == "#b91c1c")
        #expect(target["label"] == #"prod/db\n✕ not reached"#)
    }

    // MARK: Changes

    @Test("a cut: the removed edge is red and doubled, everything past it on the path faded and marked cut off")
    func cutFadesTheRemainder() throws {
        let g = Fixtures.compile(Fixtures.wikiLeaksDeployToken())
        let radius = g.radius(from: [g.startFor("dave")], options: Fixtures.options())
        let toApp = try #require(radius.resources.first { g.resources[$0.resource.index].id == "prod/app" })
        let scene = SceneBuilder.scene(
            graph: g, title: "cut", source: "dave", paths: [.init(steps: radius.path(toApp.proof), isHighlighted: true)],
            removed: [("deploy-token", "deploy-bot", .credential)])
        let parsed = try dot(scene)
        let cut = try #require(parsed.edges(from: "deploy-token", to: "deploy-bot").first)
        #expect(cut["color"] == "#b91c1c:#ffffff:#b91c1c")
        #expect(cut["xlabel"] == "✕ removed")
        for id in ["deploy-bot", "deployer", "prod/app"] {
            #expect(scene.nodes.first { $0.id == id }?.isFaded == true, "\(id)")
        }
        #expect(parsed.node("prod/app")?["fontcolor"] == "#9ca3af")
        #expect(parsed.node("prod/app")?["label"]?.hasSuffix(#"\ncut off"#) == true)
        let after = try #require(parsed.edges(from: "deployer", to: "prod/app").first)
        #expect(after["penwidth"] == nil)
        #expect(after["color"]?.hasSuffix("40") == true)
        // Before the cut the path stays bold.
        #expect(parsed.edges(from: "dave", to: "engineering").first?["penwidth"] == "2.5")
    }

    @Test("a node a cut path passes but another path still reaches is not faded")
    func otherPathKeepsNodeLive() throws {
        let steps = [
            PathStep(from: "dave", fromKind: .identity, to: "engineering", toKind: .group, edge: .member),
            PathStep(from: "engineering", fromKind: .group, to: "wiki-reader", toKind: .role, edge: .grant),
        ]
        let g = Fixtures.compile(Fixtures.wikiLeaksDeployToken())
        let scene = SceneBuilder.scene(
            graph: g, title: "t", source: "dave",
            paths: [.init(steps: steps, isHighlighted: true), .init(steps: Array(steps.prefix(1)), isHighlighted: true)],
            removed: [("dave", "engineering", .member)])
        #expect(scene.nodes.first { $0.id == "engineering" }?.isFaded == true)
        let live = SceneBuilder.scene(
            graph: g, title: "t", source: "dave",
            paths: [.init(steps: steps, isHighlighted: true), .init(steps: Array(steps.suffix(1)), isHighlighted: true)],
            removed: [("dave", "engineering", .member)])
        #expect(live.nodes.first { $0.id == "engineering" }?.isFaded == false)
    }

    @Test("an edge a change adds is a doubled green line labelled + added")
    func addedEdge() throws {
        var scene = SceneFixtures.singleEdge(Scene.Edge(from: "a", to: "b", kind: .grant))
        scene.markAdded([("a", "b", .grant)])
        let edge = try #require(try dot(scene).edges(from: "a", to: "b").first)
        #expect(edge["color"] == "#15803d:#ffffff:#15803d")
        #expect(edge["xlabel"] == "+ added")
    }

    // MARK: Facts on labels

    @Test("the last edge of a radius path names the actions; gates are named on their edges")
    func factsOnLabels() throws {
        let g = Fixtures.compile(Fixtures.mfaGated())
        let scene = SceneBuilder.radius(
            graph: g, radius: g.radius(from: [g.startFor("alice-sso")], options: Fixtures.options()), sourceID: "alice-sso")
        let parsed = try dot(scene)
        #expect(parsed.edges(from: "admin", to: "prod/db").first?["xlabel"] == "*")
        #expect(parsed.edges(from: "alice", to: "admin").first?["xlabel"] == "MFA")
        #expect(parsed.edges(from: "alice", to: "admin").first?["arrowhead"] == "normalodot")
    }

    @Test("the whole model's allow edges name the statement's actions")
    func modelAllowActions() {
        let g = Fixtures.compile(Fixtures.breakGlass())
        let scene = SceneBuilder.model(graph: g, title: "m")
        #expect(scene.edges.first { $0.from == "wiki-reader" && $0.kind == .allow }?.label == "read")
    }

    @Test("an escalation edge is labelled with its technique")
    func techniqueLabel() throws {
        let g = Fixtures.compile(Fixtures.passRoleEscalation())
        let scene = SceneBuilder.model(graph: g, title: "m")
        let edge = try #require(scene.edges.first { $0.kind == .escalate })
        #expect(edge.label == "lambda-001")
    }

    @Test("many actions are cut to three and a count")
    func manyActions() {
        let g = Fixtures.compile(Fixtures.breakGlass())
        let step = PathStep(from: "break-glass", fromKind: .role, to: "prod/db", toKind: .resource, edge: .allow)
        let scene = SceneBuilder.scene(
            graph: g, title: "t", source: nil, paths: [.init(steps: [step], isHighlighted: false, actions: ["a", "b", "c", "d", "e"])])
        #expect(scene.edges.first?.label == "a, b, c +2")
    }

    @Test("a resource is labelled without its cluster's prefix; an ARN by its resource part")
    func shortenedLabels() throws {
        let scene = frankRadius()
        #expect(scene.nodes.first { $0.id == "prod/db" }?.label == "db")
        #expect(scene.nodes.first { $0.id == "prod/db" }?.cluster == "prod")
        let arn = Model(
            identities: [Identity(id: "arn:aws:iam::111111111111:role/deploy", kind: .service)],
            roles: [Role(id: "r", allow: [Statement(actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket"])])],
            grants: [Grant(to: "arn:aws:iam::111111111111:role/deploy", role: "r")],
            resources: [Resource(id: "arn:aws:s3:::bucket/key"), Resource(id: "arn:aws:iam::111111111111:user/dana")])
        let model = SceneBuilder.model(graph: Fixtures.compile(arn), title: "aws")
        #expect(model.nodes.first { $0.id == "arn:aws:iam::111111111111:role/deploy" }?.label == "role/deploy\n111111111111")
        #expect(model.nodes.first { $0.id == "arn:aws:s3:::bucket/key" }?.label == "bucket/key")
        #expect(model.nodes.first { $0.id == "arn:aws:s3:::bucket/key" }?.cluster == "s3")
        #expect(model.nodes.first { $0.id == "arn:aws:iam::111111111111:user/dana" }?.cluster == "111111111111 iam")
        #expect(model.clusters.contains(Scene.Cluster(key: "111111111111 iam", label: "aws 111111111111 · iam")))
        let k8s = Model(
            identities: [Identity(id: "k8s:prod:sa:ci:builder", kind: .service)],
            resources: [Resource(id: "k8s/prod/ns/deploy/secrets")])
        let cluster = SceneBuilder.model(graph: Fixtures.compile(k8s), title: "k8s")
        #expect(cluster.nodes.first { $0.id == "k8s:prod:sa:ci:builder" }?.label == "sa:ci:builder\nk8s prod")
        #expect(cluster.nodes.first { $0.id == "k8s/prod/ns/deploy/secrets" }?.label == "secrets")
        #expect(cluster.clusters.map(\.label) == ["k8s prod · namespace deploy"])
    }

    // MARK: Source, colours, legend, title

    @Test("a resource start (who-can's target) has one thick outline: a second would cross its label")
    func resourceSourceHasOneOutline() throws {
        let scene = Scene(
            title: "t", nodes: [Scene.Node(id: "prod/db", label: "db", kind: .resource, criticality: .critical, isSource: true)],
            showsLegend: false)
        let node = try #require(try dot(scene).node("prod/db"))
        #expect(node["peripheries"] == nil)
        #expect(node["penwidth"] == "2.5")
        // Its label keeps clear of the cylinder's top curve.
        #expect(node["margin"] == "0.11,0.14")
    }

    @Test("critical is the strongest fill: each criticality's fill is darker than the one below it, critical text white")
    func criticalIsStrongest() throws {
        func luminance(_ hex: String) -> Double {
            let v = Int(hex.dropFirst(), radix: 16) ?? 0
            return 0.2126 * Double((v >> 16) & 255) + 0.7152 * Double((v >> 8) & 255) + 0.0722 * Double(v & 255)
        }
        let fills = try Criticality.allCases.map { c in
            try #require(
                try dot(Scene(title: "t", nodes: [Scene.Node(id: "r", label: "r", kind: .resource, criticality: c)], showsLegend: false))
                    .node("r")?["fillcolor"])
        }
        // allCases runs from critical down to low.
        #expect(zip(fills, fills.dropFirst()).allSatisfy { luminance($0) < luminance($1) })
        let critical = Scene(
            title: "t", nodes: [Scene.Node(id: "r", label: "r", kind: .resource, criticality: .critical)], showsLegend: false)
        #expect(try dot(critical).node("r")?["fontcolor"] == "#ffffff")
    }

    @Test("the compact legend shows only the styles that occur; none shows none; full shows all")
    func compactLegend() throws {
        let scene = SceneFixtures.singleEdge(Scene.Edge(from: "a", to: "b", kind: .grant), showsLegend: true)
        let compact = try dot(scene)
        let samples = compact.nodes.filter { $0.value.subgraph == "cluster_legend" }
        #expect(Set(samples.compactMap { $0.value.attributes["shape"] }) == ["octagon", "plaintext", "point"])
        #expect(compact.legendCaptions == ["grant"])
        #expect(!(try dot(scene, legend: .none)).subgraphs.contains("cluster_legend"))
        let full = try dot(scene, legend: .full).nodes.filter { $0.value.subgraph == "cluster_legend" }
        #expect(full.count > samples.count)
    }

    @Test("the legend's edge samples sit three to a row, so the legend stays short")
    func legendEdgeRows() throws {
        let parsed = try dot(SceneFixtures.leakedDeployToken(showsLegend: true), legend: .full)
        let joins = parsed.edges.filter { $0.attributes["style"] == "invis" && $0.tail.hasPrefix("legend_edge_") }
        #expect(
            joins.map { "\($0.tail)->\($0.head)" }.prefix(3) == [
                "legend_edge_0_b->legend_edge_1_a", "legend_edge_1_b->legend_edge_2_a", "legend_edge_3_b->legend_edge_4_a",
            ])
    }

    @Test("the legend's \"on a path\" sample is drawn like an on-path edge, not red")
    func legendOnPathIsNotRed() throws {
        let parsed = try dot(SceneFixtures.leakedDeployToken(showsLegend: true), legend: .full)
        let onPath = try #require(parsed.legendSample("on a path: bold"))
        #expect(onPath["color"] == "#1f2937")
        #expect(onPath["penwidth"] == "2.5")
    }

    @Test("a title's own line breaks are kept")
    func titleLineBreaks() throws {
        let label = try #require(try dot(Scene(title: "first\nsecond", showsLegend: false)).graphAttributes[""]?["label"])
        #expect(label == #"first\nsecond"#)
    }

    @Test("a long title wraps onto several lines")
    func titleWraps() throws {
        let title = Array(repeating: "--revoke-grant some-holder:some-role", count: 8).joined(separator: " ")
        let label = try #require(try dot(Scene(title: title, showsLegend: false)).graphAttributes[""]?["label"])
        let lines = label.components(separatedBy: #"\n"#)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 110 })
    }

    // MARK: Raster and print

    @Test("PNG and PDF come out of Graphviz in process (cairo plugin)")
    func pngAndPDF() throws {
        let png = try GraphvizRenderer.render(SceneFixtures.leakedDeployToken(showsLegend: true), as: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let pdf = try GraphvizRenderer.render(SceneFixtures.leakedDeployToken(), as: .pdf)
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
    }

    @Test("the same scene gives byte-identical PDF: cairo's creation date is pinned to the epoch")
    func pdfDeterministic() throws {
        let scene = SceneFixtures.leakedDeployToken(showsLegend: true)
        let first = try GraphvizRenderer.render(scene, as: .pdf)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try GraphvizRenderer.render(scene, as: .pdf) == first)
        #expect(String(decoding: first, as: UTF8.self).contains("/CreationDate (D:19700101000000"))
    }

    @Test("the same scene gives byte-identical PNG")
    func pngDeterministic() throws {
        let scene = SceneFixtures.leakedDeployToken(showsLegend: true)
        #expect(try GraphvizRenderer.render(scene, as: .png) == GraphvizRenderer.render(scene, as: .png))
    }
}
