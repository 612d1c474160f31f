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

    /// Every explanation path of a radius; paths to critical or high resources in bold, what only
    /// approvals add dashed.
    static func radius(_ r: Radius, graph g: AccessGraph, sourceID: String) -> Scene {
        var paths: [SceneBuilder.PathSpec] = []
        for x in r.identities { paths.append(.init(steps: r.path(x.proof), isHighlighted: false)) }
        for x in r.credentials { paths.append(.init(steps: r.path(x.proof), isHighlighted: false)) }
        for x in r.resources {
            paths.append(.init(steps: r.path(x.proof), isHighlighted: g.resources[x.resource.index].criticality >= .high))
        }
        for x in r.eligible {
            paths.append(.init(steps: r.eligiblePath(x.proof), isHighlighted: false, isEligibleOnly: true))
        }
        let critical = r.resources.filter { g.resources[$0.resource.index].criticality == .critical }.count
        let title = "Blast radius of \(sourceID) at \(r.options.at.iso8601): \(r.resources.count) resources (\(critical) critical), \(r.eligible.count) more once approved"
        return SceneBuilder.scene(graph: g, title: title, source: sourceID, paths: paths)
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
