import BlastCore
import BlastRender

/// `path`: the shortest explanation path from a start to an element, or none.
public struct PathPresenter: AnswerPresenter {
    public let reach: Reach?
    public let graph: AccessGraph
    /// The question as the user asked it.
    public let from: String, to: String
    public let options: QueryOptions

    public init(_ reach: Reach?, graph: AccessGraph, from: String, to: String, options: QueryOptions) {
        self.reach = reach
        self.graph = graph
        self.from = from
        self.to = to
        self.options = options
    }

    public func text(_ t: TextStyle) -> String {
        guard let reach else {
            return
                "no path from \(from) to \(to) at \(options.at.iso8601)\(options.withApprovals ? "" : " (approval-gated edges not followed; try --with-approvals)")\n"
        }
        var out = "path from \(from) to \(to) at \(options.at.iso8601) (\(t.hops(reach.hops))):\n  \(t.path(reach.path))\n"
        for s in reach.path {
            out += "    \(s.from) -\(s.edge.rawValue)-> \(s.to)\(s.origin.map { "   [\($0)]" } ?? "")\n"
        }
        return out
    }

    public struct Document: Encodable {
        let from: String
        let to: String
        let at: String
        let found: Bool
        let hops: Int?
        let path: [JSONStep]
    }

    public func json() -> Document {
        Document(from: from, to: to, at: options.at.iso8601, found: reach != nil, hops: reach?.hops, path: JSONStep.path(reach?.path ?? []))
    }

    public func scene() -> Scene {
        SceneBuilder.scene(
            graph: graph, title: "Path from \(from) to \(to) at \(options.at.iso8601)\(reach == nil ? ": none" : "")",
            source: from, paths: [.init(steps: reach?.path ?? [], isHighlighted: true)], extraNodes: [to], at: options.at)
    }
}
