import BlastCore
import BlastRender

/// `can`: yes or no, with the path that allows it (or the one approval would open).
public struct CanPresenter: AnswerPresenter {
    public let answer: CanAnswer
    public let graph: AccessGraph
    /// The question as the user asked it.
    public let from: String, action: String, on: String
    public let options: QueryOptions

    public init(_ answer: CanAnswer, graph: AccessGraph, from: String, action: String, on: String, options: QueryOptions) {
        self.answer = answer
        self.graph = graph
        self.from = from
        self.action = action
        self.on = on
        self.options = options
    }

    public func text(_ t: TextStyle) -> String {
        let at = options.at.iso8601
        if let reach = answer.reach {
            return "yes: \(from) can \(action) on \(on) at \(at) (\(t.hops(reach.hops)))\n  \(t.path(reach.path))\n"
        }
        var out = "no: \(from) cannot \(action) on \(on) at \(at)\n"
        if let r = answer.onceApproved {
            out += "  but could once approved (\(t.hops(r.hops))):\n  \(t.path(r.path))\n"
        }
        return out
    }

    public struct Document: Encodable {
        let from: String
        let action: String
        let on: String
        let at: String
        let allowed: Bool
        let hops: Int?
        let path: [JSONStep]
        let onceApproved: [JSONStep]?

        enum CodingKeys: String, CodingKey {
            case from, action, on, at, allowed, hops, path
            case onceApproved = "once_approved"
        }
    }

    public func json() -> Document {
        Document(
            from: from, action: action, on: on, at: options.at.iso8601, allowed: answer.allowed, hops: answer.reach?.hops,
            path: JSONStep.path(answer.reach?.path ?? []), onceApproved: answer.onceApproved.map { JSONStep.path($0.path) })
    }

    /// The path that allows it in bold; for a "no", the way approval would open drawn
    /// eligible-only, with the approval it lacks marked blocked and the target not reached.
    public func scene() -> Scene {
        var paths = [SceneBuilder.PathSpec(steps: answer.reach?.path ?? [], isHighlighted: true, actions: [action])]
        let approved = answer.reach == nil ? answer.onceApproved?.path : nil
        if let approved { paths.append(.init(steps: approved, isHighlighted: false, isEligibleOnly: true, actions: [action])) }
        let verdict = answer.allowed ? "yes" : (answer.onceApproved != nil ? "no (yes once approved)" : "no")
        var scene = SceneBuilder.scene(
            graph: graph, title: "Can \(from) \(action) on \(on) at \(options.at.iso8601)? \(verdict)",
            source: from, paths: paths, extraNodes: [on], at: options.at)
        if !answer.allowed {
            let gate = approved?.first { $0.terms?.approval == true }
            scene.markBlocked(target: on, gate: gate.map { ($0.from, $0.to, $0.edge) })
        }
        return scene
    }
}
