import Dispatch

/// The radius of one source in both versions of a diff, the two computed side by side (one per
/// core), each graph keeping its own workspace (`RadiusWorkspace(keepingSessions:)`) from one
/// source to the next.
final class DiffRadii: @unchecked Sendable {
    private let before: AccessGraph, after: AccessGraph
    private let options: QueryOptions
    // One field per side: each thread of `radii(from:)` touches only its side's.
    private var beforeWorkspace = RadiusWorkspace(keepingSessions: true)
    private var afterWorkspace = RadiusWorkspace(keepingSessions: true)
    private var beforeRadius: Radius?, afterRadius: Radius?

    init(before: AccessGraph, after: AccessGraph, options: QueryOptions) {
        self.before = before
        self.after = after
        self.options = options
    }

    /// The radius of `id` in each version (absent, or neither credential nor identity: no starts).
    /// - Complexity: one radius in each graph, in parallel.
    func radii(of id: String) -> (before: Radius, after: Radius) {
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            if side == 0 {
                beforeRadius = before.radius(from: starts(of: id, in: before), options: options, workspace: &beforeWorkspace)
            } else {
                afterRadius = after.radius(from: starts(of: id, in: after), options: options, workspace: &afterWorkspace)
            }
        }
        guard let b = beforeRadius, let a = afterRadius else { preconditionFailure("both radii are computed") }
        return (b, a)
    }

    private func starts(of id: String, in graph: AccessGraph) -> [AccessGraph.Start] {
        (try? graph.start(from: id, mfa: options.mfa)).map { [$0] } ?? []
    }
}
