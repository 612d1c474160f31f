import BlastCore
import BlastRender

/// `what-if`: the radius before and after a change — what is cut, what remains and by which path.
public struct WhatIfPresenter: AnswerPresenter {
    public let answer: WhatIf

    /// The before and after radii list each identity's access per resource when the answer was
    /// computed with `detail`.
    public init(_ answer: WhatIf) {
        self.answer = answer
    }

    private var label: String { answer.startIDs.joined(separator: ", ") }

    public func text(_ t: TextStyle) -> String {
        let d = answer.diff
        var out = "What if \(answer.changes.map(\.description).joined(separator: " ")) — for \(label) at \(d.before.options.at.iso8601)\n"
        if let p = d.after.startProblem { out += "  after: \(p)\n" }
        if d.after.starts.count < d.before.starts.count { out += "  after: a rotated credential starts nothing\n" }
        out += ChangeText(style: t).body(d)
        if d.lost.isEmpty && !d.before.resources.isEmpty { out += "\n  the change cuts nothing: every resource is still reachable\n" }
        return out
    }

    public struct Document: Encodable {
        let starts: String
        let at: String
        let changes: [String]
        let before: RadiusPresenter.Document
        let after: RadiusPresenter.Document
        let cut: [JSONChange]
        let remaining: [JSONChange]
        let gained: [JSONChange]
        let gainedEligible: [JSONChange]
        let identitiesLost: [String]
        let identitiesGained: [String]

        enum CodingKeys: String, CodingKey {
            case starts, at, changes, before, after, cut, remaining, gained
            case gainedEligible = "gained_eligible"
            case identitiesLost = "identities_lost"
            case identitiesGained = "identities_gained"
        }
    }

    public func json() -> Document {
        let d = answer.diff
        return Document(
            starts: label, at: d.before.options.at.iso8601, changes: answer.changes.map(\.description),
            before: RadiusPresenter(d.before, source: label).json(),
            after: RadiusPresenter(d.after, source: label).json(),
            cut: d.lost.map { JSONChange($0, in: d.before) }, remaining: d.kept.map { JSONChange($0, in: d.after) },
            gained: d.gained.map { JSONChange($0, in: d.after) },
            gainedEligible: d.gainedEligible.map { JSONChange($0, in: d.after, eligible: true) },
            identitiesLost: d.lostIdentities, identitiesGained: d.gainedIdentities)
    }

    /// Before and after: the surviving paths in bold, the edges the change removes in red and
    /// struck, and what they cut off (the old paths past the removed edge, the lost resources)
    /// faded.
    public func scene() -> Scene {
        let d = answer.diff
        var paths = d.lost.map { SceneBuilder.PathSpec(steps: d.before.path($0.proof), isHighlighted: false, actions: $0.actions) }
        paths += d.kept.map { SceneBuilder.PathSpec(steps: d.after.path($0.proof), isHighlighted: true, actions: $0.actions) }
        paths += d.gained.map { SceneBuilder.PathSpec(steps: d.after.path($0.proof), isHighlighted: true, actions: $0.actions) }
        let title =
            "What if \(answer.changes.map(\.description).joined(separator: " ")): \(d.lost.count) cut, \(d.kept.count) still reachable, \(d.gained.count) gained"
        let graph = d.before.search.graph
        var scene = SceneBuilder.scene(
            graph: graph, title: title, source: answer.startIDs.first, paths: paths,
            extraNodes: Array(answer.startIDs.dropFirst()), at: d.before.options.at, removed: answer.removedEdges)
        scene.markRemoved(answer.removedEdges)
        let lost = Set(d.lost.map { graph.resources[$0.resource.index].id })
        for k in scene.nodes.indices where lost.contains(scene.nodes[k].id) {
            scene.nodes[k].isFaded = true
            scene.nodes[k].isHighlighted = false
        }
        return scene
    }
}
