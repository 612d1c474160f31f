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
}
