/// The answer of `chokepoints`: the minimum cut between starts and targets, verified by
/// recomputing the radii with the cut applied, and the single edges on the most start→target
/// shortest paths with what each removes alone.
public struct ChokepointReport: Sendable {
    /// A single cuttable edge and how many start→target shortest paths use it.
    public struct RankedEdge: Sendable, Equatable {
        public let change: ModelChange
        /// Start→target pairs whose shortest path uses the edge.
        public let pairs: Int
        /// Resources the change alone removes from the starts' radii.
        public let removes: Int
    }

    /// The starts as given (credential or identity ids).
    public let startIDs: [String]
    public let targets: [ResourceID]
    public let options: QueryOptions
    /// The minimum cut.
    public let cut: Chokepoints
    /// Resources the whole cut removes from the starts' radii.
    public let cutRemoves: Int
    /// Whether, with the cut applied, no start reaches a target any more.
    public let verified: Bool
    /// Start→target pairs reachable before any change.
    public let pairs: Int
    /// The single edges on the most pairs' shortest paths, most first.
    public let ranking: [RankedEdge]
    /// Each start's radius before any change (the paths a diagram draws).
    public let radii: [Radius]
    /// The model the graph was compiled from (the cut's edges are named in it).
    public let model: Model

    /// Cuts `starts` off `targets` in `graph` (compiled from `model`), ranks the `top` single
    /// edges on the most shortest paths, and verifies both by recompiling the changed model.
    /// - Complexity: one max-flow over the explanation graph, one radius per start, and
    ///   (top + 2) recompilations with one radius per start each.
    public init(
        model: Model, graph: AccessGraph, startIDs: [String], starts: [AccessGraph.Start], targets: [ResourceID],
        options: QueryOptions, costs: [CutKind: UInt64], top: Int
    ) throws(ModelError) {
        let targetSet = Set(targets)
        self.model = model
        self.startIDs = startIDs
        self.targets = targetSet.sorted()
        self.options = options
        cut = graph.chokepoints(from: starts, to: self.targets, options: options, costs: costs)
        radii = starts.map { graph.radius(from: $0, options: options) }

        var counts: [ModelChange: Int] = [:]
        var pairs = 0
        for r in radii {
            for x in r.resources where targetSet.contains(x.resource) {
                pairs += 1
                for change in Set(r.path(x.proof).compactMap(Self.change)) { counts[change, default: 0] += 1 }
            }
        }
        self.pairs = pairs
        let before = radii.reduce(0) { $0 + $1.resources.count }
        let mfa = options.mfa
        // The starts' radii in the model with `changes` applied.
        func radiiAfter(_ changes: [ModelChange]) throws(ModelError) -> (AccessGraph, [Radius]) {
            let g = try AccessGraph.compile(try model.applying(changes))
            return (g, startIDs.compactMap { id in (try? g.start(from: id, mfa: mfa)).map { g.radius(from: $0, options: options) } })
        }
        func removed(_ changes: [ModelChange]) throws(ModelError) -> Int {
            before - (try radiiAfter(changes)).1.reduce(0) { $0 + $1.resources.count }
        }
        let candidates = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.description < $1.key.description }.prefix(top)
        var ranking: [RankedEdge] = []
        for (change, n) in candidates { ranking.append(RankedEdge(change: change, pairs: n, removes: try removed([change]))) }
        self.ranking = ranking
        let cutChanges = cut.cuts.map(\.change)
        let (g, after) = try radiiAfter(cutChanges)
        cutRemoves = before - after.reduce(0) { $0 + $1.resources.count }
        let targetIDs = Set(targetSet.map { graph.resources[$0.index].id })
        verified = after.allSatisfy { r in !r.resources.contains { targetIDs.contains(g.resources[$0.resource.index].id) } }
    }

    /// The change that removes one explanation step, for the cuttable kinds.
    public static func change(_ s: PathStep) -> ModelChange? {
        switch s.edge {
        case .member: .removeMember(group: s.to, member: s.from)
        case .grant: .revokeGrant(to: s.from, role: s.to)
        case .assume: .removeAssume(from: s.from, to: s.to)
        case .pivot: .purge(credential: s.to, resource: s.from)
        case .credential, .takeover, .allow, .escalate: nil
        }
    }

    /// The explanation edges the cut removes, for drawing them struck through.
    public var removedEdges: [(from: String, to: String, kind: EdgeKind)] {
        cut.cuts.flatMap { $0.change.removedEdges(in: model) }
    }
}

extension AccessGraph {
    /// Every resource at least as critical as `level`, in hierarchy order.
    /// - Complexity: O(resources).
    public func resources(atLeast level: Criticality) -> [ResourceID] {
        resources.indices.filter { resources[$0].criticality >= level }.map { ResourceID($0) }
    }
}
