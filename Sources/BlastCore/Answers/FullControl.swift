/// The part of a radius one reached session controls completely: a session that may do every
/// action (`*`, no deny) on many resources — an account's administrator, a cluster-admin — with
/// the resources it is the nearest such session for, and what the start reaches only through it.
/// Answers print it as one line instead of one line per resource: once an escalation makes the
/// start an administrator, listing each resource (and each identity the administrator can then
/// become) is what nobody reads.
public struct FullControl: Sendable {
    /// The controlling session, its distance from the start and how the start gets there.
    public let identity: IdentityID
    public let hops: Int
    public let proof: Proof
    /// Positions in `Radius.resources` of the resources it controls: every action, and the
    /// nearest session that may do every action there.
    public let resources: [Int]
    /// Positions in `Radius.identities`, `credentials` and `unmatched` of what the start
    /// reaches through the session's power (their shortest proof leaves the session by a move a
    /// statement granting every action allows: an escalation, a takeover, a read of a stored
    /// copy); unmatched statements of the session itself count too; the session itself is not
    /// among the identities.
    public let identities: [Int]
    public let credentials: [Int]
    public let unmatched: [Int]
}

extension Radius {
    /// The smallest number of resources a session must control before answers fold them.
    public static let fullControlMinimum = 50

    /// The reached session that is the nearest one with every action (`ReachedResource.control`)
    /// for the most resources, when they are at least `minimum`; ties go to the fewest hops, then
    /// to the lowest state.
    /// - Complexity: O(R + (I + C + U) · d) for R resources, I identities, C credentials and U
    ///   unmatched statements, with proof paths of at most d moves.
    public func fullControl(minimum: Int = Radius.fullControlMinimum) -> FullControl? {
        var groups: [SearchState: [Int]] = [:]
        for (k, x) in resources.enumerated() { if let c = x.control { groups[c.proof.state, default: []].append(k) } }
        var best: (state: SearchState, members: [Int], hops: UInt32)?
        for (state, members) in groups where members.count >= minimum {
            let hops = search.distance(to: state)
            if let b = best, (-b.members.count, b.hops, b.state) < (-members.count, hops, state) { continue }
            best = (state, members, hops)
        }
        guard let best else { return nil }
        let graph = search.graph
        let identity = graph.session(ofState: best.state).identity
        // Whether the shortest proof to a state leaves the controlling session by using its power:
        // the move out of it (past a shared grant state) is allowed by a statement granting every
        // action. What the session merely passes on (a group's wiki read, a trust) is not folded.
        func isEverything(_ e: Entitlement?) -> Bool {
            guard let e else { return false }
            let st = graph.statement(e.statement)
            return st.exceptActions.isEmpty && st.actions.contains { $0.text == "*" }
        }
        var through: [SearchState: Bool] = [best.state: true]
        func passes(_ state: SearchState) -> Bool {
            if let known = through[state] { return known }
            let moves = search.moves(to: state)
            var answer = false
            if let k = moves.firstIndex(where: { $0.from == best.state }) {
                var m = moves[k]
                if case .grant = m.target, k + 1 < moves.count { m = moves[k + 1] }
                answer = isEverything(m.entitlement)
            }
            through[state] = answer
            return answer
        }
        let identityList = identities.indices.filter { identities[$0].identity != identity && passes(identities[$0].proof.state) }
        let credentialList = credentials.indices.filter { passes(credentials[$0].proof.state) }
        let unmatchedList = unmatched.indices.filter { passes(unmatched[$0].proof.state) }
        return FullControl(
            identity: identity, hops: Int(best.hops), proof: Proof(state: best.state, tail: .none), resources: best.members,
            identities: identityList, credentials: credentialList, unmatched: unmatchedList)
    }
}
