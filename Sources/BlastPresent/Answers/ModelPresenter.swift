import BlastCore
import BlastRender

/// `render` without `--from`: the whole model as one diagram (also the audit report's overview).
public struct ModelPresenter: ScenePresenter {
    public let graph: AccessGraph
    /// The instant the model is drawn at: grants and assumes not in force then are drawn
    /// inactive; nil draws every declaration as it stands.
    public let at: Instant?

    public init(_ graph: AccessGraph, at: Instant? = nil) {
        self.graph = graph
        self.at = at
    }

    public func scene() -> Scene {
        let g = graph
        let title =
            "Access model: \(g.identities.count) identities, \(g.credentials.count) credentials, \(g.groups.count) groups, \(g.roles.count) roles, \(g.resources.count) resources"
        return SceneBuilder.model(graph: g, title: title + (at.map { " at \($0.iso8601)" } ?? ""), at: at)
    }
}
