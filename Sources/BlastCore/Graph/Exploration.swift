/// A forward search from one start over sessions and credentials, with parent pointers.
///
/// States are numbered sessions first (`identity * 2 + mfa`), then credentials, then grant states
/// (a grant's reveals and takeovers, shared by every session that may use it). Move weights are
/// the number of explanation-path edges a move adds, so distances count path edges exactly; the
/// search is Dial's bucket queue, and ties go to the first state settled, which makes paths
/// deterministic.
public struct Exploration: Sendable {
    public let graph: AccessGraph
    public let options: QueryOptions
    /// Reached sessions in settlement order, with their views.
    public private(set) var sessions: [SessionView] = []
    /// Reached credentials in settlement order.
    public private(set) var credentials: [CredentialID] = []
    /// The reached states (sparse: a search pays for what it reaches, not for the graph's size).
    private let slots: StateSlots
    /// Per slot: path edges from the start, and how the state was first reached at that distance
    /// (nil for a start).
    private var distances: [UInt32] = []
    private var parents: [Move?] = []
    /// Per slot: the index into `sessions` of a settled session's view, -1 otherwise.
    private var viewIndex: [Int32] = []

    public static let unreached = UInt32.max

    /// Searches from `start` (a credential or an identity).
    /// - Complexity: O(S · v + M) for S reached sessions with view cost v and M moves.
    public init(graph: AccessGraph, start: AccessGraph.Start, options: QueryOptions) {
        self.init(graph: graph, starts: [start], options: options)
    }

    /// Searches from several starts at once (a multi-key compromise): every start is at distance 0.
    /// Expired credentials among them start nothing.
    /// - Complexity: O(S · v + M), independent of the size of the graph.
    public init(graph: AccessGraph, starts: [AccessGraph.Start], options: QueryOptions) {
        var memo = EscalationMemo()
        self.init(graph: graph, starts: starts, options: options, memo: &memo)
    }

    /// Searches from several starts, sharing escalation work with other searches on the same
    /// graph through `memo` (an audit's one search per identity).
    public init(graph: AccessGraph, starts: [AccessGraph.Start], options: QueryOptions, memo: inout EscalationMemo) {
        memo.expanded.removeAll(keepingCapacity: true)
        self.graph = graph
        self.options = options
        slots = StateSlots(pool: graph.statePool)
        var queue = BucketQueue()
        for start in starts {
            if case .credential(let c) = start, !graph.credentials[c.index].isValid(at: options.at) { continue }
            let state = graph.state(of: start)
            // A start listed twice is one start.
            guard slots.slotAdding(state).isNew else { continue }
            appendSlot(distance: 0, parent: nil)
            queue.push(state, distance: 0)
        }
        while let (state, d) = queue.pop() {
            guard let slot = slots.slot(state), distances[slot] == d else { continue }
            for m in settle(state, slot: slot, distance: d, memo: &memo) {
                let nd = d + m.weight
                let (to, isNew) = slots.slotAdding(m.to)
                if isNew {
                    appendSlot(distance: nd, parent: m)
                } else {
                    guard nd < distances[to] else { continue }
                    distances[to] = nd
                    parents[to] = m
                }
                queue.push(m.to, distance: nd)
            }
        }
    }

    private mutating func appendSlot(distance: UInt32, parent: Move?) {
        distances.append(distance)
        parents.append(parent)
        viewIndex.append(-1)
    }

    private mutating func settle(_ state: SearchState, slot: Int, distance d: UInt32, memo: inout EscalationMemo) -> [Move] {
        if let g = graph.grant(ofState: state) { return graph.moves(fromGrant: g, at: options.at) }
        if let c = graph.credential(ofState: state) {
            credentials.append(c)
            return graph.moves(fromCredential: c)
        }
        let view: SessionView
        if memo.keepsViews, memo.viewOptions == options, let known = memo.views[state] {
            view = known
        } else {
            view = graph.view(of: graph.session(ofState: state), options: options)
            if memo.keepsViews {
                if memo.viewOptions != options {
                    memo.views.removeAll()
                    memo.viewOptions = options
                }
                memo.views[state] = view
            }
        }
        viewIndex[slot] = Int32(sessions.count)
        sessions.append(view)
        // An escalation move weighs at least 2: into a state settled at or below `d` it cannot
        // improve anything, so it is not even tested.
        let slots = self.slots, distances = self.distances
        let settled: (SearchState) -> Bool = { target in
            guard let s = slots.slot(target) else { return false }
            return distances[s] <= d
        }
        return graph.moves(from: view, memo: &memo, skip: settled, distance: d)
    }

    /// The view of a reached session state, nil for other states.
    public func view(of state: SearchState) -> SessionView? {
        guard let slot = slots.slot(state), viewIndex[slot] >= 0 else { return nil }
        return sessions[Int(viewIndex[slot])]
    }

    /// Path edges from the start to `state`; `unreached` when the search did not reach it.
    public func distance(to state: SearchState) -> UInt32 {
        slots.slot(state).map { distances[$0] } ?? Exploration.unreached
    }

    /// The moves from the start to `state`, in order; empty for the start or an unreached state.
    public func moves(to state: SearchState) -> [Move] {
        var out: [Move] = []
        var s = state
        while let slot = slots.slot(s), let m = parents[slot] {
            out.append(m)
            s = m.from
        }
        return out.reversed()
    }

    public func isReached(_ state: SearchState) -> Bool { slots.slot(state) != nil }

    /// How many states (sessions, credentials and grant states) the search reached.
    public var reachedStateCount: Int { distances.count }
}
