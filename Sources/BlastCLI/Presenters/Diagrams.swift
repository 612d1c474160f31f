import BlastCore
import BlastRender

/// Scenes for each answer, and drawing them.
enum Diagrams {
    static func draw(_ scene: Scene, _ format: DiagramFormat, maxResources: Int) throws(CommandFailure) -> [UInt8] {
        do {
            return try GraphvizRenderer.render(scene.aggregatingResources(maxResources: maxResources), as: format)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Before and after: what the change cuts drawn from the old paths, the surviving paths in
    /// bold, and the removed edges struck through.
    static func whatIf(_ d: RadiusDiff, starts: [String], changes: [ModelChange],
                       removed: [(from: String, to: String, kind: EdgeKind)]) -> Scene {
        let graph = d.before.search.graph
        var paths = d.lost.map { SceneBuilder.PathSpec(steps: d.before.path($0.proof), isHighlighted: false) }
        paths += d.kept.map { SceneBuilder.PathSpec(steps: d.after.path($0.proof), isHighlighted: true) }
        paths += d.gained.map { SceneBuilder.PathSpec(steps: d.after.path($0.proof), isHighlighted: true) }
        let title = "What if \(changes.map(\.description).joined(separator: " ")): \(d.lost.count) cut, \(d.kept.count) still reachable, \(d.gained.count) gained"
        var scene = SceneBuilder.scene(graph: graph, title: title, source: starts.first, paths: paths, extraNodes: Array(starts.dropFirst()))
        let keys = Set(removed.map { "\($0.from)\u{0}\($0.to)\u{0}\($0.kind.rawValue)" })
        for k in scene.edges.indices where keys.contains("\(scene.edges[k].from)\u{0}\(scene.edges[k].to)\u{0}\(scene.edges[k].kind.rawValue)") {
            scene.edges[k].isRemoved = true
            scene.edges[k].isHighlighted = false
        }
        return scene
    }
}
