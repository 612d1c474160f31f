import BlastCore
import BlastRender

/// `rank`: every credential and identity by what it reaches, standing and eligible apart.
public struct RankPresenter: AnswerPresenter {
    public let ranking: Ranking
    public let graph: AccessGraph
    /// How many entries to show; nil for all (a diagram then draws the first 5).
    public let top: Int?

    public init(_ ranking: Ranking, graph: AccessGraph, top: Int?) {
        self.ranking = ranking
        self.graph = graph
        self.top = top
    }

    private var entries: ArraySlice<Ranking.Entry> { ranking.entries.prefix(top ?? ranking.entries.count) }

    public func text(_ t: TextStyle) -> String {
        var out =
            "Rank by \(ranking.order.rawValue) reach at \(ranking.options.at.iso8601) (\(ranking.entries.count) sources; eligible = more once approved)\n\n"
        let width = max(6, entries.map(\.id.count).max() ?? 0)
        out +=
            t.bold(
                "  #  " + "source".padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  kind         resources  critical  weighted   eligible: resources  critical  weighted") + "\n"
        func col(_ v: CustomStringConvertible, _ w: Int) -> String {
            let s = v.description
            return String(repeating: " ", count: max(0, w - s.count)) + s
        }
        for (k, e) in entries.enumerated() {
            out +=
                col(k + 1, 3) + "  " + e.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + e.kind.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                + col(e.resources, 12) + col(e.critical, 10) + col(e.weighted, 10)
                + col(e.eligibleResources, 21) + col(e.eligibleCritical, 10) + col(e.eligibleWeighted, 10) + "\n"
        }
        return out
    }

    public struct Document: Encodable {
        struct Eligible: Encodable {
            let resources: Int
            let critical: Int
            let weighted: UInt64
        }

        struct Entry: Encodable {
            let id: String
            let kind: String
            let resources: Int
            let critical: Int
            let weighted: UInt64
            let eligible: Eligible
        }

        let at: String
        let by: String
        let entries: [Entry]
    }

    public func json() -> Document {
        Document(
            at: ranking.options.at.iso8601, by: ranking.order.rawValue,
            entries: entries.map {
                .init(
                    id: $0.id, kind: $0.kind.rawValue, resources: $0.resources, critical: $0.critical, weighted: $0.weighted,
                    eligible: .init(resources: $0.eligibleResources, critical: $0.eligibleCritical, weighted: $0.eligibleWeighted))
            })
    }

    /// The top sources (5 unless `top` is given) with their paths to critical and high resources.
    public func scene() -> Scene {
        let shownCount = top ?? 5
        var paths: [SceneBuilder.PathSpec] = []
        for r in ranking.radii(ofFirst: shownCount, in: graph) {
            for x in r.resources where graph.resource(x.resource).criticality >= .high {
                paths.append(
                    .init(steps: r.path(x.proof), isHighlighted: graph.resource(x.resource).criticality == .critical, actions: x.actions))
            }
        }
        let shown = ranking.entries.prefix(shownCount)
        var scene = SceneBuilder.scene(
            graph: graph,
            title:
                "Top \(shown.count) by \(ranking.order.rawValue) reach at \(ranking.options.at.iso8601): \(shown.map(\.id).joined(separator: ", "))",
            source: nil, paths: paths, extraNodes: shown.map(\.id), at: ranking.options.at)
        // Each ranked start says its rank and score on the picture.
        for (k, entry) in shown.enumerated() {
            guard let n = scene.nodes.firstIndex(where: { $0.id == entry.id }) else { continue }
            scene.nodes[n].detail = "#\(k + 1): \(entry.resources) resources, \(entry.critical) critical"
            scene.nodes[n].isHighlighted = true
        }
        return scene
    }
}
