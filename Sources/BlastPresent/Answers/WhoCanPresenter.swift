import BlastCore
import BlastRender

/// `who-can`: every identity and credential that reaches a resource, with paths.
public struct WhoCanPresenter: AnswerPresenter {
    public let answer: WhoCan
    public let graph: AccessGraph

    public init(_ answer: WhoCan, graph: AccessGraph) {
        self.answer = answer
        self.graph = graph
    }

    private var resourceID: String { graph.resource(answer.resource).id }

    public func text(_ t: TextStyle) -> String {
        let w = answer
        let res = graph.resource(w.resource)
        var out = "Who can reach \(t.bold(res.id)) [\(res.criticality.rawValue)]"
        if let action = w.action { out += " with action '\(action)'" }
        out += " at \(w.options.at.iso8601)\n"
        out += "  \(t.plural(w.identities.count, "identity", "identities")), \(t.plural(w.credentials.count, "credential"))\n"
        if !w.identities.isEmpty {
            out += "\n\(t.bold("Identities"))\n"
            for (i, e) in w.identities {
                out += "  \(graph.identity(i).id) \(t.dim(t.hops(e.hops)))\n      \(t.path(w.path(e)))\n"
            }
        }
        if !w.credentials.isEmpty {
            out += "\n\(t.bold("Credentials"))\n"
            for (c, e) in w.credentials {
                out += "  \(graph.credential(c).id) \(t.dim(t.hops(e.hops)))\n      \(t.path(w.path(e)))\n"
            }
        }
        return out
    }

    public struct Document: Encodable {
        struct Reacher: Encodable {
            let id: String
            let hops: Int
            let path: [JSONStep]
        }

        let resource: String
        let action: String?
        let at: String
        let identities: [Reacher]
        let credentials: [Reacher]

        enum CodingKeys: String, CodingKey { case resource, action, at, identities, credentials }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(resource, forKey: .resource)
            try c.encode(action, forKey: .action)  // null when no action was asked
            try c.encode(at, forKey: .at)
            try c.encode(identities, forKey: .identities)
            try c.encode(credentials, forKey: .credentials)
        }
    }

    public func json() -> Document {
        let w = answer
        return Document(
            resource: resourceID, action: w.action, at: w.options.at.iso8601,
            identities: w.identities.map {
                .init(id: graph.identity($0.identity).id, hops: $0.entry.hops, path: JSONStep.path(w.path($0.entry)))
            },
            credentials: w.credentials.map {
                .init(id: graph.credential($0.credential).id, hops: $0.entry.hops, path: JSONStep.path(w.path($0.entry)))
            })
    }

    public func scene() -> Scene {
        let w = answer
        let actions = w.action.map { [$0] } ?? []
        let paths =
            w.identities.map { SceneBuilder.PathSpec(steps: w.path($0.entry), isHighlighted: true, actions: actions) }
            + w.credentials.map { SceneBuilder.PathSpec(steps: w.path($0.entry), isHighlighted: true, actions: actions) }
        let title =
            "Who can reach \(resourceID)\(w.action.map { " with \($0)" } ?? "") at \(w.options.at.iso8601): \(w.identities.count) identities, \(w.credentials.count) credentials"
        return SceneBuilder.scene(graph: graph, title: title, source: resourceID, paths: paths, at: w.options.at)
    }
}
