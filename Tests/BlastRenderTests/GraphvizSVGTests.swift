import BlastRender
import Foundation
import Testing

@Suite("SVG output", .serialized)
struct GraphvizSVGTests {
    private func svg(_ scene: Scene) throws -> String {
        String(decoding: try GraphvizRenderer.render(scene, as: .svg), as: UTF8.self)
    }

    /// Text as Graphviz 2.43 writes it in SVG: XML-escaped, with `-` as `&#45;`.
    private func svgEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "-", with: "&#45;")
    }

    @Test("SVG is a complete document")
    func wellFormed() throws {
        let text = try svg(SceneFixtures.leakedDeployToken(showsLegend: true))
        #expect(text.hasPrefix("<?xml") || text.hasPrefix("<svg"))
        #expect(text.contains("<svg"))
        #expect(text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"))
    }

    @Test("every scene node has its own SVG title")
    func titlePerNode() throws {
        let scene = SceneFixtures.leakedDeployToken()
        let text = try svg(scene)
        for node in scene.nodes {
            #expect(text.contains("<title>\(svgEscaped(node.id))</title>"), "\(node.id)")
        }
    }

    @Test("node and edge tooltips become SVG link titles, one line each")
    func tooltips() throws {
        let text = try svg(SceneFixtures.leakedDeployToken())
        #expect(text.contains(#"xlink:title="\#(svgEscaped("credential gh-token of deployer"))&#10;\#(svgEscaped("expires 2025-01-01"))""#))
        #expect(text.contains(#"xlink:title="\#(svgEscaped("allow: admin → prod/db"))""#))
    }

    @Test("clusters and the legend are drawn as SVG clusters")
    func clusters() throws {
        let text = try svg(SceneFixtures.leakedDeployToken(showsLegend: true))
        #expect(text.contains("<title>cluster_prod</title>"))
        #expect(text.contains("<title>cluster_legend</title>"))
    }

    @Test("the same scene gives byte-identical SVG")
    func deterministic() throws {
        let scene = SceneFixtures.leakedDeployToken(showsLegend: true)
        let first = try GraphvizRenderer.render(scene, as: .svg)
        _ = try GraphvizRenderer.render(SceneFixtures.oneNodePerKind(), as: .svg)
        #expect(try GraphvizRenderer.render(scene, as: .svg) == first)
    }

    @Test("a scene without nodes still lays out", arguments: [false, true])
    func emptyScene(showsLegend: Bool) throws {
        let text = try svg(Scene(title: "Nothing reachable", showsLegend: showsLegend))
        #expect(text.contains("Nothing reachable"))
        #expect(text.contains("</svg>"))
    }

    @Test("the Graphviz version is reported")
    func version() {
        let version = GraphvizRenderer.graphvizVersion
        #expect(version.first?.isNumber == true)
        #expect(version.contains("."))
    }
}
