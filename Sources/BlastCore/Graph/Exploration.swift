/// One step between search states: a credential used, an assume, a credential revealed by a
/// pivot, or an identity taken over.
public struct Move: Sendable {
    public enum Kind: UInt8, Sendable {
        /// credential state → the session of its identity.
        case credential
        /// session → the assumed identity's session (same MFA bit).
        case assume
        /// session → a credential whose copy it can read.
        case pivot
        /// session → the taken-over identity's session without MFA.
        case takeover
        /// session → the shared state of a grant it holds that can reveal copies or take over
        /// identities (the grant's pivots and takeovers are then computed once, not per session).
        case grant
        /// session → the identity an escalation technique yields, without MFA.
        case escalate
    }

    public let kind: Kind
    public let from: UInt32
    public let to: UInt32
    /// Path edges the move adds.
    public let weight: UInt32
    /// Assume: index into the from-view's assumes; pivot: copy index; takeover: target index;
    /// grant: grant index; escalate: escalation index.
    public let item: Int
    /// Pivot, takeover, escalate: what allowed the (first) action.
    public let entitlement: Entitlement?
}

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
            for m in settle(state, slot: slot) {
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

    private mutating func settle(_ state: UInt32, slot: Int) -> [Move] {
        if let g = graph.grant(ofState: state) { return graph.moves(fromGrant: g, at: options.at) }
        if let c = graph.credential(ofState: state) {
            credentials.append(c)
            return graph.moves(fromCredential: c)
        }
        let session = graph.session(ofState: state)
        let view = graph.view(of: session, options: options)
        viewIndex[slot] = Int32(sessions.count)
        sessions.append(view)
        return graph.moves(from: view)
    }

    /// The view of a reached session state, nil for other states.
    public func view(of state: UInt32) -> SessionView? {
        guard let slot = slots.slot(state), viewIndex[slot] >= 0 else { return nil }
        return sessions[Int(viewIndex[slot])]
    }

    /// Path edges from the start to `state`; `unreached` when the search did not reach it.
    public func distance(to state: UInt32) -> UInt32 {
        slots.slot(state).map { distances[$0] } ?? Exploration.unreached
    }

    /// The moves from the start to `state`, in order; empty for the start or an unreached state.
    public func moves(to state: UInt32) -> [Move] {
        var out: [Move] = []
        var s = state
        while let slot = slots.slot(s), let m = parents[slot] {
            out.append(m)
            s = m.from
        }
        return out.reversed()
    }

    public func isReached(_ state: UInt32) -> Bool { slots.slot(state) != nil }

    /// How many states (sessions, credentials and grant states) the search reached.
    public var reachedStateCount: Int { distances.count }
}

extension AccessGraph {
    /// Where a question starts: a credential (its identity with its MFA bit) or an identity session.
    public enum Start: Sendable, Hashable {
        case credential(CredentialID)
        case session(Session)
    }

    /// Turns a `--from` id into a start; identities use `mfa` for their session.
    public func start(from id: String, mfa: Bool) throws(QueryError) -> Start {
        switch try resolve(id) {
        case .credential(let c): return .credential(c)
        case .identity(let i): return .session(Session(identity: i, mfa: mfa))
        case let other:
            throw QueryError(.wrongKind, "'\(id)' is \(kind(of: other).withArticle); start from a credential or an identity")
        }
    }

    @inlinable public func state(of credential: CredentialID) -> UInt32 {
        UInt32(identityCount * 2) + credential.rawValue
    }

    public func state(of start: Start) -> UInt32 {
        switch start {
        case .credential(let c): state(of: c)
        case .session(let s): s.state
        }
    }

    /// Sessions, credentials and grant states together.
    public var stateCount: Int { identityCount * 2 + credentials.count + grants.count }

    public func credential(ofState state: UInt32) -> CredentialID? {
        let base = UInt32(identityCount * 2)
        return state >= base && state < base + UInt32(credentials.count) ? CredentialID(state - base) : nil
    }

    /// The state shared by every session using `grant` for its reveals and takeovers.
    public func state(of grant: GrantID) -> UInt32 { UInt32(identityCount * 2 + credentials.count) + grant.rawValue }

    public func grant(ofState state: UInt32) -> GrantID? {
        let base = UInt32(identityCount * 2 + credentials.count)
        return state >= base ? GrantID(state - base) : nil
    }

    /// Whether a state is an identity session.
    public func isSession(_ state: UInt32) -> Bool { state < UInt32(identityCount * 2) }

    public func session(ofState state: UInt32) -> Session {
        Session(identity: IdentityID(state / 2), mfa: state % 2 == 1)
    }

    /// The move from a valid credential to its identity's session.
    public func moves(fromCredential c: CredentialID) -> [Move] {
        let to = Session(identity: credentialOwner[c.index], mfa: credentials[c.index].mfa).state
        return [Move(kind: .credential, from: state(of: c), to: to, weight: 1, item: c.index, entitlement: nil)]
    }

    /// Every move a session can make: assumes, pivots to valid credentials, takeovers, escalations.
    /// - Complexity: O(s · (log c + k)) for pivots and takeovers, plus O(x · q · s log r) for x
    ///   escalations of q requirements each.
    /// With `shared` false, reveals and takeovers are per-session moves (what the chokepoint
    /// network needs); by default they go through the grants' shared states.
    public func moves(from view: SessionView, shared: Bool = true) -> [Move] {
        let from = view.session.state
        var out: [Move] = []
        for (k, a) in view.assumes.enumerated() {
            let to = Session(identity: assumes[a.assume.index].to, mfa: view.session.mfa).state
            out.append(Move(kind: .assume, from: from, to: to, weight: view.holderHops[a.via] + 1, item: k, entitlement: nil))
        }
        // Reveals and takeovers: through the grants' shared states, unless a deny of this session
        // could remove one (then per session, exactly).
        let personal = !shared || view.denies.contains { statements[$0.statement.index].revealMask | statements[$0.statement.index].takeoverMask != 0 }
        if personal {
            for (copy, e) in revealableCopies(view) {
                let c = copies[copy].credential
                guard credentials[c.index].isValid(at: view.options.at) else { continue }
                out.append(Move(kind: .pivot, from: from, to: state(of: c), weight: e.held.hops + 2, item: copy, entitlement: e))
            }
            for (target, e) in takeoverableTargets(view) {
                let to = Session(identity: takeoverTargets[target].identity, mfa: false).state
                out.append(Move(kind: .takeover, from: from, to: to, weight: e.held.hops + 2, item: target, entitlement: e))
            }
        } else {
            for held in view.grants where roleHasPowers[grants[held.grant.index].role.index] {
                out.append(Move(kind: .grant, from: from, to: state(of: held.grant), weight: held.hops, item: held.grant.index,
                                entitlement: Entitlement(held: held, statement: StatementID(roleAllows[grants[held.grant.index].role.index].lowerBound))))
            }
        }
        var candidates = openEscalations
        for h in view.holders { candidates.append(contentsOf: escalationsFrom[h.index]) }
        if candidates.count > openEscalations.count { candidates.sort() }
        for k in candidates {
            let esc = escalations[k]
            guard view.options.allows(esc.model.terms, sessionMFA: view.session.mfa) else { continue }
            var first: Entitlement?
            var all = true
            for r in esc.requires {
                guard let e = entitlement(view, action: r.action, on: r.resource) else { all = false; break }
                if first == nil { first = e }
            }
            guard all, let e = first else { continue }
            let to = Session(identity: esc.to, mfa: esc.model.terms.mfa && view.session.mfa).state
            out.append(Move(kind: .escalate, from: from, to: to, weight: e.held.hops + 2, item: k, entitlement: e))
        }
        return out
    }

    /// The reveals and takeovers a grant allows (valid credentials only), each through the first
    /// allow statement that allows it. Used for sessions with no deny on reveal or takeover actions.
    /// - Complexity: O(s · (log c + k)) for the grant's s statements and k items covered.
    public func moves(fromGrant g: GrantID, at: Instant) -> [Move] {
        let from = state(of: g)
        let held = HeldGrant(grant: g, via: -1, hops: 0)
        var out: [Move] = []
        var seenCopy: Set<Int> = [], seenTarget: Set<Int> = []
        for s in roleAllows[grants[g.index].role.index] {
            let st = statements[s]
            guard st.revealMask | st.takeoverMask != 0 else { continue }
            for run in effectiveCoverage(StatementID(s), g).runs {
                if st.revealMask != 0 {
                    var k = lowerBound(copyPositions, run.lowerBound)
                    while k < copies.count, copyPositions[k] < run.upperBound {
                        let c = copies[k].credential
                        if credentials[c.index].isValid(at: at), seenCopy.insert(k).inserted {
                            out.append(Move(kind: .pivot, from: from, to: state(of: c), weight: 2, item: k,
                                            entitlement: Entitlement(held: held, statement: StatementID(s))))
                        }
                        k += 1
                    }
                }
                if st.takeoverMask != 0 {
                    var k = lowerBound(takeoverPositions, run.lowerBound)
                    while k < takeoverTargets.count, takeoverPositions[k] < run.upperBound {
                        if seenTarget.insert(k).inserted {
                            out.append(Move(kind: .takeover, from: from, to: Session(identity: takeoverTargets[k].identity, mfa: false).state,
                                            weight: 2, item: k, entitlement: Entitlement(held: held, statement: StatementID(s))))
                        }
                        k += 1
                    }
                }
            }
        }
        return out
    }
}
