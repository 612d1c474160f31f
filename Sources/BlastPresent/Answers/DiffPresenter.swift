import BlastCore
import BlastRender

/// `diff`: every credential and identity whose reach differs between two versions of a model.
public struct DiffPresenter: AnswerPresenter {
    public let answer: OrganisationDiff
    /// The two versions as the user named them.
    public let old: [String], new: [String]
    /// Whether the gate (`--fail-on-gain`) was asked for and tripped.
    public let failed: Bool

    public init(_ answer: OrganisationDiff, old: [String], new: [String], failed: Bool) {
        self.answer = answer
        self.old = old
        self.new = new
        self.failed = failed
    }

    public func text(_ t: TextStyle) -> String {
        let changes = answer.changes
        var out =
            "Diff of \(old.joined(separator: " ")) → \(new.joined(separator: " ")) at \(answer.options.at.iso8601): \(changes.count) credentials and identities changed reach\n"
        let body = ChangeText(style: t)
        for c in changes {
            out +=
                "\n\(c.kind.rawValue) \(c.id): +\(c.diff.gained.count) −\(c.diff.lost.count)\(c.escalations > 0 ? ", \(c.escalations) through new escalation paths" : "")\n"
            out += body.body(c.diff, showKept: false)
        }
        if failed { out += "\nfail: the change adds standing reach to critical resources\n" }
        return out
    }

    public struct Document: Encodable {
        struct Entry: Encodable {
            let id: String
            let kind: String
            let newEscalationPaths: Int
            let gained: [JSONChange]
            let lost: [JSONChange]
            let gainedEligible: [JSONChange]

            enum CodingKeys: String, CodingKey {
                case id, kind, gained, lost
                case newEscalationPaths = "new_escalation_paths"
                case gainedEligible = "gained_eligible"
            }
        }

        let at: String
        let old: [String]
        let new: [String]
        let failed: Bool
        let changes: [Entry]
    }

    public func json() -> Document {
        Document(
            at: answer.options.at.iso8601, old: old, new: new, failed: failed,
            changes: answer.changes.map { c in
                Document.Entry(
                    id: c.id, kind: c.kind.rawValue, newEscalationPaths: c.escalations,
                    gained: c.diff.gained.map { JSONChange($0, in: c.diff.after) },
                    lost: c.diff.lost.map { JSONChange($0, in: c.diff.before) },
                    gainedEligible: c.diff.gainedEligible.map { JSONChange($0, in: c.diff.after, eligible: true) })
            })
    }

    /// The gained paths (new escalation paths in bold, what only approval adds dashed), with
    /// every edge the new version declares and the old one did not (or declared on other terms)
    /// marked added; and the lost paths, drawn from the old version, with the first edge the new
    /// version no longer declares marked removed and what it cut off faded.
    public func scene() -> Scene {
        var gainedPaths: [SceneBuilder.PathSpec] = []
        var lostPaths: [SceneBuilder.PathSpec] = []
        var added: [SceneBuilder.RemovedEdge] = []
        var removed: [SceneBuilder.RemovedEdge] = []
        var lostResources: Set<String> = []
        let inAfter = DeclaredEdges(answer.after)
        var inBefore: DeclaredEdges?
        var beforeGraph: AccessGraph?
        for c in answer.changes {
            let declared = inBefore ?? DeclaredEdges(c.diff.before.search.graph)
            inBefore = declared
            beforeGraph = beforeGraph ?? c.diff.before.search.graph
            for gain in c.diff.gained {
                let steps = c.diff.after.path(gain.proof)
                gainedPaths.append(.init(steps: steps, isHighlighted: c.diff.isEscalation(gain), actions: gain.actions))
                added += steps.filter { !declared.contains($0) }.map { ($0.from, $0.to, $0.edge) }
            }
            for gain in c.diff.gainedEligible {
                let steps = c.diff.after.eligiblePath(gain.proof)
                gainedPaths.append(.init(steps: steps, isHighlighted: false, isEligibleOnly: true, actions: gain.actions))
                added += steps.filter { !declared.contains($0) }.map { ($0.from, $0.to, $0.edge) }
            }
            for loss in c.diff.lost {
                let steps = c.diff.before.path(loss.proof)
                lostPaths.append(.init(steps: steps, isHighlighted: false, actions: loss.actions))
                removed += steps.filter { !inAfter.contains($0) }.map { ($0.from, $0.to, $0.edge) }
                lostResources.insert(c.diff.before.search.graph.resources[loss.resource.index].id)
            }
        }
        let gained = answer.changes.reduce(0) { $0 + $1.diff.gained.count }
        let lost = answer.changes.reduce(0) { $0 + $1.diff.lost.count }
        let title =
            "Diff of \(old.joined(separator: " ")) → \(new.joined(separator: " ")) at \(answer.options.at.iso8601): \(answer.changes.count) credentials and identities changed reach (\(gained) gained, \(lost) lost)"
        var scene = SceneBuilder.scene(graph: answer.after, title: title, source: nil, paths: gainedPaths, at: answer.options.at)
        scene.markAdded(added)
        if let beforeGraph, !lostPaths.isEmpty {
            var before = SceneBuilder.scene(
                graph: beforeGraph, title: title, source: nil, paths: lostPaths, at: answer.options.at, removed: removed)
            for k in before.nodes.indices where lostResources.contains(before.nodes[k].id) { before.nodes[k].isFaded = true }
            scene = scene.union(before)
        }
        return scene
    }
}

/// The explanation edges a graph declares (with the terms of grants and assumes), to tell which
/// steps of a path in another version of the model are new.
private struct DeclaredEdges {
    private struct Key: Hashable {
        var from: String
        var to: String
        var kind: EdgeKind
        var terms: Terms?
    }

    private let graph: AccessGraph
    private var keys: Set<Key> = []

    /// - Complexity: O(V + E) over the graph's declarations.
    init(_ g: AccessGraph) {
        graph = g
        for c in g.credentials { keys.insert(Key(from: c.id, to: c.of, kind: .credential)) }
        for group in g.groups {
            for m in group.members { keys.insert(Key(from: m, to: group.id, kind: .member)) }
        }
        for grant in g.grants {
            keys.insert(Key(from: g.name(of: grant.holder), to: g.roles[grant.role.index].id, kind: .grant, terms: grant.terms))
        }
        for a in g.assumes {
            keys.insert(Key(from: g.name(of: a.from), to: g.identities[a.to.index].id, kind: .assume, terms: a.terms))
        }
        for copy in g.copies {
            keys.insert(Key(from: g.resources[copy.resource.index].id, to: g.credentials[copy.credential.index].id, kind: .pivot))
        }
        for t in g.takeoverTargets {
            keys.insert(Key(from: g.resources[t.resource.index].id, to: g.identities[t.identity.index].id, kind: .takeover))
        }
        for e in g.escalations {
            keys.insert(Key(from: g.resources[e.requires[0].resource.index].id, to: g.identities[e.to.index].id, kind: .escalate))
        }
    }

    /// Whether the graph declares `step` (an allow step: whether the role allows something on the resource).
    /// - Complexity: O(1), or O(statements) for an allow step.
    func contains(_ step: PathStep) -> Bool {
        switch step.edge {
        case .allow:
            guard case .role(let role)? = graph.element(named: step.from), case .resource(let resource)? = graph.element(named: step.to)
            else { return false }
            return graph.statements.contains { $0.role == role && !$0.isDeny && $0.coverage.contains(resource.rawValue) }
        case .grant, .assume:
            return keys.contains(Key(from: step.from, to: step.to, kind: step.edge, terms: step.terms))
        case .credential, .member, .pivot, .takeover, .escalate:
            return keys.contains(Key(from: step.from, to: step.to, kind: step.edge))
        }
    }
}
