/// Every credential and identity ranked by what it reaches, standing and eligible apart.
public struct Ranking: Sendable {
    /// What one start reaches.
    public struct Entry: Sendable, Equatable {
        public let start: AccessGraph.Start
        public let id: String
        /// Standing reach.
        public let resources: Int
        public let critical: Int
        public let weighted: UInt64
        /// Reachable only once approvals are given.
        public let eligibleResources: Int
        public let eligibleCritical: Int
        public let eligibleWeighted: UInt64
    }

    public enum Order: String, Sendable, CaseIterable {
        /// Most critical resources first.
        case critical
        /// Most resources first.
        case count
        /// Highest criticality-weighted reach first.
        case weighted
    }

    /// The weight of one resource of each criticality in `weighted`.
    public static func weight(_ c: Criticality) -> UInt64 {
        switch c {
        case .critical: 100
        case .high: 10
        case .medium: 3
        case .low: 1
        }
    }

    /// Sorted by the order asked for, ties by the other figures and then id.
    public let entries: [Entry]
    public let options: QueryOptions
    public let order: Order
}

extension AccessGraph {
    /// Ranks every valid credential and every identity (a session with `options.mfa`) by reach.
    ///
    /// All sources at once: every session's own access is computed once, the session graph is
    /// condensed into strongly connected components (iterative Tarjan), and reach sets — interval
    /// sets over hierarchy-ordered resources — are unioned once per component in reverse
    /// topological order. One run without and one with approvals give the standing/eligible split.
    /// - Complexity: O(I · v + M + Σ_c u_c) for I identities with view cost v, M moves, and the
    ///   run counts u_c of each component's reach (small when reach follows the hierarchy), instead
    ///   of one search per source.
    public func rank(options: QueryOptions, order: Ranking.Order) -> Ranking {
        let standing = reachSets(options: options)
        var approved = options
        approved.withApprovals = true
        let withApprovals = options.withApprovals ? standing : reachSets(options: approved)

        var prefixCount: [UInt64] = [0], prefixCritical: [UInt64] = [0], prefixWeight: [UInt64] = [0]
        for r in resources {
            prefixCount.append(prefixCount.last! + 1)
            prefixCritical.append(prefixCritical.last! + (r.criticality == .critical ? 1 : 0))
            prefixWeight.append(prefixWeight.last! + Ranking.weight(r.criticality))
        }
        func entry(_ start: Start, _ id: String) -> Ranking.Entry {
            let state = Int(self.state(of: start))
            let s = standing[state], e = withApprovals[state].subtracting(s)
            return Ranking.Entry(start: start, id: id,
                                 resources: Int(s.weight(prefix: prefixCount)), critical: Int(s.weight(prefix: prefixCritical)),
                                 weighted: s.weight(prefix: prefixWeight),
                                 eligibleResources: Int(e.weight(prefix: prefixCount)),
                                 eligibleCritical: Int(e.weight(prefix: prefixCritical)), eligibleWeighted: e.weight(prefix: prefixWeight))
        }
        var entries: [Ranking.Entry] = []
        for (k, c) in credentials.enumerated() where c.isValid(at: options.at) {
            entries.append(entry(.credential(CredentialID(k)), c.id))
        }
        for (k, i) in identities.enumerated() {
            entries.append(entry(.session(Session(identity: IdentityID(k), mfa: options.mfa)), i.id))
        }
        func key(_ e: Ranking.Entry) -> [UInt64] {
            switch order {
            case .critical: [UInt64(e.critical), e.weighted, UInt64(e.resources)]
            case .count: [UInt64(e.resources), UInt64(e.critical), e.weighted]
            case .weighted: [e.weighted, UInt64(e.critical), UInt64(e.resources)]
            }
        }
        entries.sort { a, b in
            let (x, y) = (key(a), key(b))
            return x != y ? x.lexicographicallyPrecedes(y, by: >) : a.id < b.id
        }
        return Ranking(entries: entries, options: options, order: order)
    }

    /// For every search state (sessions, credentials, grant states), the positions of the resources it
    /// reaches under `options`.
    /// - Complexity: see `rank(options:order:)`.
    public func reachSets(options: QueryOptions) -> [IntervalSet] {
        let n = stateCount
        var direct = [IntervalSet](repeating: IntervalSet(), count: n)
        var successors = [[UInt32]](repeating: [], count: n)
        struct Part: Sendable { var sessions: [(state: UInt32, direct: IntervalSet, successors: [UInt32])] = [] }
        let parts = forEverySession(options: options, empty: Part()) { v, part in
            part.sessions.append((v.session.state, IntervalSet(runs: access(v).segments.map(\.positions)), moves(from: v).map(\.to)))
        }
        for p in parts {
            for (s, d, next) in p.sessions {
                direct[Int(s)] = d
                successors[Int(s)] = next
            }
        }
        for c in credentials.indices where credentials[c].isValid(at: options.at) {
            successors[Int(state(of: CredentialID(c)))] = moves(fromCredential: CredentialID(c)).map(\.to)
        }
        for g in grants.indices where roleHasPowers[grants[g].role.index] {
            successors[Int(state(of: GrantID(g)))] = moves(fromGrant: GrantID(g), at: options.at).map(\.to)
        }
        // Iterative Tarjan: components come out in reverse topological order, so every
        // successor component's reach is final before it is needed.
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int] = []
        var reach: [IntervalSet] = []
        var counter: Int32 = 0
        for root in 0..<n where index[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < successors[node].count {
                    work[work.count - 1].edge += 1
                    let next = Int(successors[node][edge])
                    if index[next] < 0 {
                        index[next] = counter; low[next] = counter; counter += 1
                        stack.append(next); onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        low[node] = min(low[node], index[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[node]) }
                guard low[node] == index[node] else { continue }
                let c = Int32(reach.count)
                var members: [Int] = []
                while true {
                    let m = stack.removeLast()
                    onStack[m] = false
                    component[m] = c
                    members.append(m)
                    if m == node { break }
                }
                var set = IntervalSet()
                for m in members {
                    set = set.union(direct[m])
                    for s in successors[m] where component[Int(s)] != c {
                        set = set.union(reach[Int(component[Int(s)])])
                    }
                }
                reach.append(set)
            }
        }
        return (0..<n).map { reach[Int(component[$0])] }
    }
}
