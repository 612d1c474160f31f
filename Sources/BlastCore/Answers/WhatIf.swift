/// The answer of `what-if`: the starts' radius before and after a change to the model.
public struct WhatIf: Sendable {
    /// The starts as the user named them.
    public let startIDs: [String]
    /// Every change applied, in order.
    public let changes: [ModelChange]
    public let diff: RadiusDiff
    /// The explanation edges the changes remove, for drawing them struck through.
    public let removedEdges: [(from: String, to: String, kind: EdgeKind)]

    /// Compares the radius of `starts` in `before` (compiled from `model`) with the radius of the
    /// same ids in `after` (compiled from the changed model). A start the change removed (a
    /// rotated credential) starts nothing afterwards.
    /// With `detail`, both radii list each identity's access per resource.
    /// - Complexity: two radius searches.
    public init(
        model: Model, before: AccessGraph, startIDs: [String], starts: [AccessGraph.Start],
        changes: [ModelChange], after: AccessGraph, options: QueryOptions, detail: Bool = false
    ) {
        self.startIDs = startIDs
        self.changes = changes
        let afterStarts = startIDs.compactMap { try? after.start(from: $0, mfa: options.mfa) }
        diff = RadiusDiff(
            before: before.radius(from: starts, options: options, detail: detail),
            after: after.radius(from: afterStarts, options: options, detail: detail))
        removedEdges = changes.flatMap { $0.removedEdges(in: model) }
    }
}
