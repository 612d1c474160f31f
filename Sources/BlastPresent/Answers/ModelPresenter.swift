import BlastCore
import BlastRender

/// `render` without `--from`: the whole model as one diagram (also the audit report's overview).
public struct ModelPresenter: ScenePresenter {
    public let graph: AccessGraph

    public init(_ graph: AccessGraph) {
        self.graph = graph
    }

    public func scene() -> Scene {
        let g = graph
        let title =
            "Access model: \(g.identities.count) identities, \(g.credentials.count) credentials, \(g.groups.count) groups, \(g.roles.count) roles, \(g.resources.count) resources"
        return SceneBuilder.model(graph: g, title: title)
    }
}
