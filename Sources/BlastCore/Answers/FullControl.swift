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
    /// reaches only through the session (their shortest proof passes it); the session itself is
    /// not among them.
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
        // Whether the shortest proof to a state passes the controlling session.
        var through: [SearchState: Bool] = [best.state: true]
        func passes(_ state: SearchState) -> Bool {
            if let known = through[state] { return known }
            let moves = search.moves(to: state)
            let answer = moves.contains { $0.from == best.state }
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
