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

    public func scene() -> Scene {
        let paths = answer.changes.flatMap { c in
            c.diff.gained.map { SceneBuilder.PathSpec(steps: c.diff.after.path($0.proof), isHighlighted: c.diff.isEscalation($0)) }
        }
        let graph = answer.after
        return SceneBuilder.scene(
            graph: graph,
            title: "Reach gained from \(old.joined(separator: " ")) to \(new.joined(separator: " ")) at \(answer.options.at.iso8601)",
            source: nil, paths: paths)
    }
}
