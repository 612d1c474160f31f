import BlastCore
import BlastRender

/// `chokepoints`: the minimum cut between starts and targets, verified, and the single edges on
/// the most start→target paths.
public struct ChokepointsPresenter: AnswerPresenter {
    public let answer: ChokepointReport
    public let graph: AccessGraph

    public init(_ answer: ChokepointReport, graph: AccessGraph) {
        self.answer = answer
        self.graph = graph
    }

    public func text(_ t: TextStyle) -> String {
        let a = answer
        var out =
            "Chokepoints between \(t.plural(a.startIDs.count, "start")) and \(t.plural(a.targets.count, "target")) at \(a.options.at.iso8601): \(a.pairs) start→target pairs reachable\n"
        if a.cut.cuts.isEmpty {
            out += "\nno start reaches a target: nothing to cut\n"
        } else {
            out +=
                "\n\(t.bold("Minimum cut")) (cost \(a.cut.cost), \(t.plural(a.cut.cuts.count, "change"))); together they remove \(t.plural(a.cutRemoves, "resource")) from the starts' radii\n"
            for c in a.cut.cuts { out += "  \(c.change)\(c.cost != 1 ? "   (cost \(c.cost))" : "")\n" }
            out +=
                a.verified
                ? "  verified: with these changes no start reaches a target\n"
                : "  NOT verified: a start still reaches a target through an approximated escalation (see docs)\n"
        }
        if !a.ranking.isEmpty {
            out += "\n\(t.bold("Edges on the most start→target paths"))\n"
            for (k, r) in a.ranking.enumerated() {
                out += "  \(k + 1). \(r.change)   on \(r.pairs) of \(a.pairs) pairs; alone it removes \(t.plural(r.removes, "resource"))\n"
            }
        }
        return out
    }

    public struct Document: Encodable {
        struct Cut: Encodable {
            let change: String
            let kind: String
            let cost: UInt64
        }

        struct Ranked: Encodable {
            let change: String
            let pairs: Int
            let removes: Int
        }

        let at: String
        let starts: [String]
        let targets: [String]
        let pairs: Int
        let cut: [Cut]
        let cost: UInt64
        let removes: Int
        let verified: Bool
        let ranking: [Ranked]
    }

    public func json() -> Document {
        let a = answer
        return Document(
            at: a.options.at.iso8601, starts: a.startIDs, targets: a.targets.map { graph.resource($0).id }, pairs: a.pairs,
            cut: a.cut.cuts.map { .init(change: $0.change.description, kind: $0.kind.rawValue, cost: $0.cost) }, cost: a.cut.cost,
            removes: a.cutRemoves, verified: a.verified,
            ranking: a.ranking.map { .init(change: $0.change.description, pairs: $0.pairs, removes: $0.removes) })
    }

    /// Every start→target path, with the cut's edges in red and struck and everything past
    /// them (what the cut makes unreachable) faded.
    public func scene() -> Scene {
        let a = answer
        let targets = Set(a.targets)
        var paths: [SceneBuilder.PathSpec] = []
        for r in a.radii {
            for x in r.resources where targets.contains(x.resource) {
                paths.append(.init(steps: r.path(x.proof), isHighlighted: true, actions: x.actions))
            }
        }
        var scene = SceneBuilder.scene(
            graph: graph,
            title: "Chokepoints at \(a.options.at.iso8601): cut \(a.cut.cuts.map(\.change.description).joined(separator: " "))",
            source: nil, paths: paths, at: a.options.at, removed: a.removedEdges)
        scene.markRemoved(a.removedEdges)
        return scene
    }
}
