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
        var prefixCount: [UInt64] = [0], prefixCritical: [UInt64] = [0], prefixWeight: [UInt64] = [0]
        for r in resources {
            prefixCount.append(prefixCount.last! + 1)
            prefixCritical.append(prefixCritical.last! + (r.criticality == .critical ? 1 : 0))
            prefixWeight.append(prefixWeight.last! + Ranking.weight(r.criticality))
        }
        let prefixes = [prefixCount, prefixCritical, prefixWeight]
        var sources = [Bool](repeating: false, count: stateCount)
        for (k, c) in credentials.enumerated() where c.isValid(at: options.at) { sources[state(of: CredentialID(k)).index] = true }
        for i in 0..<identityCount { sources[Session(identity: IdentityID(i), mfa: options.mfa).state.index] = true }

        var approved = options
        approved.withApprovals = true
        // Eligible = |A \ S| for the reach A with approvals and S without. Approvals only add
        // grants and assumes, so S ⊆ A except where a deny of an approval-gated grant applies.
        // With C a set of positions outside which S ⊆ A holds,
        //   |A \ S| = |A \ C| − |S \ C| + |(A ∩ C) \ (S ∩ C)|,
        // so only the sources' sets clipped to C are kept. C is empty without such denies; it is
        // their coverage when none of them can block a move (no copy, takeover target or
        // escalation requirement under them, so the same sessions are reached); otherwise every
        // position, which keeps whole sets.
        var gatedDenies: [Range<UInt32>] = []
        for (k, g) in grants.enumerated() where g.terms.approval {
            for d in roleDenies[g.role.index] { gatedDenies += coverage(of: d, under: GrantID(k)).runs }
        }
        var clip = IntervalSet(runs: gatedDenies)
        let blocksMoves =
            copyPositions.contains(where: clip.contains) || takeoverPositions.contains(where: clip.contains)
            || escalations.contains { $0.requires.contains { clip.contains($0.resource.rawValue) } }
        if blocksMoves { clip = IntervalSet(runs: [0..<UInt32(resources.count)]) }
        let clipIndex = ClipIndex(clip)
        let standing = reachPass(options: options, sources: sources, prefixes: prefixes, clip: clipIndex)
        let withApprovals =
            options.withApprovals
            ? standing
            : reachPass(options: approved, sources: sources, prefixes: prefixes, clip: clipIndex)

        // Sources with the same reach share a figures slot, so the part gained inside the clip is
        // computed once per (approved slot, standing slot) pair.
        var gainedCache: [Int64: [UInt64]] = [:]
        func gainedInside(_ approvedSlot: Int32, _ standingSlot: Int32) -> [UInt64] {
            let key = Int64(approvedSlot) << 32 | Int64(standingSlot)
            if let g = gainedCache[key] { return g }
            var g = [UInt64](repeating: 0, count: prefixes.count)
            if clipIndex.isSmall {
                let a = withApprovals.insideBits(slot: approvedSlot), b = standing.insideBits(slot: standingSlot)
                for w in 0..<clipIndex.words {
                    var bits = a[a.startIndex + w] & ~b[b.startIndex + w]
                    while bits != 0 {
                        let p = Int(clipIndex.positions[w * 64 + bits.trailingZeroBitCount])
                        for k in prefixes.indices { g[k] += prefixes[k][p + 1] - prefixes[k][p] }
                        bits &= bits - 1
                    }
                }
            } else {
                let d = withApprovals.insideSet(slot: approvedSlot).subtracting(standing.insideSet(slot: standingSlot))
                g = prefixes.map { d.weight(prefix: $0) }
            }
            gainedCache[key] = g
            return g
        }
        func entry(_ start: Start, _ id: String) -> Ranking.Entry {
            let state = self.state(of: start).index
            let s = standing.all(state)
            var e: [UInt64] = [0, 0, 0]
            if !options.withApprovals {
                let a = withApprovals.all(state), sIn = standing.inside(state), aIn = withApprovals.inside(state)
                let gained = clip.isEmpty ? [0, 0, 0] : gainedInside(withApprovals.offset[state], standing.offset[state])
                for k in 0..<3 {
                    e[k] = (a[k] - aIn[k]) - (s[k] - sIn[k]) + gained[k]
                }
            }
            return Ranking.Entry(
                start: start, id: id, resources: Int(s[0]), critical: Int(s[1]), weighted: s[2],
                eligibleResources: Int(e[0]), eligibleCritical: Int(e[1]), eligibleWeighted: e[2])
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

    /// What one reach pass yields for every source state: the weights (one per prefix array) of the
    /// resources it reaches, the same weights inside `clip`, and its reach set inside `clip`.
    struct ReachFigures {
        let width: Int
        /// Per computed component: `width` weights of its reach, then `width` of its reach inside the clip.
        let pool: [UInt64]
        /// Per state: its component's offset in `pool` (sources only).
        let offset: [Int32]
        /// Per pool slot (offset / (2 · width)): the reach inside the clip, as a set (a large clip)
        /// or as `words` bits over the clip's positions (a small one, the common case).
        let clipped: [IntervalSet]
        let clippedBits: [UInt64]
        let words: Int

        func insideSet(slot offset: Int32) -> IntervalSet { clipped[Int(offset) / (2 * width)] }

        func insideBits(slot offset: Int32) -> ArraySlice<UInt64> {
            let k = Int(offset) / (2 * width) * words
            return clippedBits[k..<k + words]
        }

        func all(_ state: Int) -> [UInt64] {
            let o = Int(offset[state])
            return Array(pool[o..<o + width])
        }

        func inside(_ state: Int) -> [UInt64] {
            let o = Int(offset[state]) + width
            return Array(pool[o..<o + width])
        }
    }

    /// Reach figures for every source state under `options` (see `ReachFigures`).
    ///
    /// Iterative Tarjan over sessions, credentials and grant states: components come out in
    /// reverse topological order, so every successor component's reach is final when needed. A
    /// component's reach set is dropped as soon as every edge into it has been used, so memory
    /// follows the frontier of the condensation, not its size. Credentials are visited first, so
    /// that a session's set is used by its credentials soon after it is built.
    /// - Complexity: see `rank(options:order:)`.
    func reachPass(options: QueryOptions, sources: [Bool], prefixes: [[UInt64]], clip clipIndex: ClipIndex) -> ReachFigures {
        let clip = clipIndex.clip
        let n = stateCount
        // Successors in one flat array (CSR) and each session's own access.
        var direct: [IntervalSet] = Array(repeating: IntervalSet(), count: n)
        var lists = [[UInt32]](repeating: [], count: n)
        do {
            struct Part: Sendable {
                var sessions: [(state: SearchState, direct: IntervalSet, successors: [UInt32])] = []
                var memo = EscalationMemo()
                var access = AccessMemo()
            }
            var parts = forEverySession(options: options, empty: Part()) { v, part in
                part.sessions.append(
                    (v.session.state, IntervalSet(runs: access(v, memo: &part.access).segments.map(\.positions)), moves(from: v, memo: &part.memo).map(\.to.rawValue)))
            }
            for k in parts.indices {
                for (s, d, next) in parts[k].sessions {
                    direct[s.index] = d
                    lists[s.index] = next
                }
                parts[k] = Part()
            }
        }
        forEveryCredentialAndGrantState(at: options.at) { s, moves in lists[s.index] = moves.map(\.to.rawValue) }
        var start = [Int32](repeating: 0, count: n + 1)
        for k in 0..<n { start[k + 1] = start[k] + Int32(lists[k].count) }
        var successors = [UInt32](); successors.reserveCapacity(Int(start[n]))
        var inDegree = [Int32](repeating: 0, count: n)
        for list in lists {
            successors.append(contentsOf: list)
            for t in list { inDegree[Int(t)] += 1 }
        }
        lists = []

        let width = prefixes.count
        let clipAll = clip.runs == [0..<UInt32(resources.count)]
        var pool: [UInt64] = []
        var offset = [Int32](repeating: 0, count: n)
        var figureOffset: [Int32] = []  // per component, -1 until computed
        var clipped: [IntervalSet] = []
        var clippedBits: [UInt64] = []
        func computeFigures(_ set: IntervalSet, _ inside: IntervalSet) -> Int32 {
            let at = Int32(pool.count)
            if clipIndex.isSmall { clipIndex.appendBits(of: inside, to: &clippedBits) } else if !clip.isEmpty { clipped.append(inside) }
            for prefix in prefixes { pool.append(set.weight(prefix: prefix)) }
            if clipAll {
                pool.append(contentsOf: pool[Int(at)..<Int(at) + width])
            } else {
                for prefix in prefixes { pool.append(clip.isEmpty ? 0 : inside.weight(prefix: prefix)) }
            }
            return at
        }
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int] = []
        var reach: [IntervalSet] = [], reachInside: [IntervalSet] = []
        var remaining: [Int] = []
        var counter: Int32 = 0
        let base = identityCount * 2
        let roots = Array(base..<(base + credentials.count)) + Array(0..<base) + Array((base + credentials.count)..<n)
        for root in roots where index[root] < 0 {
            var work: [(node: Int, edge: Int32)] = [(root, start[root])]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < start[node + 1] {
                    work[work.count - 1].edge += 1
                    let next = Int(successors[Int(edge)])
                    if index[next] < 0 {
                        index[next] = counter; low[next] = counter; counter += 1
                        stack.append(next); onStack[next] = true
                        work.append((next, start[next]))
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
                // Unions share storage with an operand they equal, so the many components whose
                // reach is a successor's reach hold no copy and reuse its figures (`sameAs`).
                var set = IntervalSet(), inside = IntervalSet()
                var sameAs = -1
                var incoming = 0
                for m in members {
                    let u = set.union(direct[m])
                    if u != set { set = u; sameAs = -1 }
                    if !clip.isEmpty { inside = inside.sharingUnion(direct[m].intersection(clip)) }
                    direct[m] = IntervalSet()
                    incoming += Int(inDegree[m])
                    for k in start[m]..<start[m + 1] {
                        let d = Int(component[Int(successors[Int(k)])])
                        if d == Int(c) { incoming -= 1; continue }
                        let r = reach[d]
                        let u = set.union(r)
                        if u != set {
                            if u == r { set = r; sameAs = d } else { set = u; sameAs = -1 }
                        }
                        if !clip.isEmpty { inside = inside.sharingUnion(reachInside[d]) }
                    }
                }
                // The reach inside the clip is the reach intersected with it, so a component with
                // the same reach as another has the same figures.
                var figuresAt: Int32 = sameAs >= 0 ? figureOffset[sameAs] : -1
                if members.contains(where: { sources[$0] }) {
                    if figuresAt < 0 {
                        figuresAt =
                            sameAs >= 0
                            ? computeFigures(reach[sameAs], clip.isEmpty ? IntervalSet() : reachInside[sameAs])
                            : computeFigures(set, inside)
                        if sameAs >= 0 { figureOffset[sameAs] = figuresAt }
                    }
                    for m in members where sources[m] { offset[m] = figuresAt }
                }
                figureOffset.append(figuresAt)
                // Every edge out of this component has now been used once: release successors
                // whose last incoming edge this was.
                for m in members {
                    for k in start[m]..<start[m + 1] {
                        let d = Int(component[Int(successors[Int(k)])])
                        guard d != Int(c) else { continue }
                        remaining[d] -= 1
                        if remaining[d] == 0 {
                            reach[d] = IntervalSet()
                            if !clip.isEmpty { reachInside[d] = IntervalSet() }
                        }
                    }
                }
                reach.append(incoming == 0 ? IntervalSet() : set)
                if !clip.isEmpty { reachInside.append(incoming == 0 ? IntervalSet() : inside) }
                remaining.append(incoming)
            }
        }
        return ReachFigures(width: width, pool: pool, offset: offset, clipped: clipped, clippedBits: clippedBits, words: clipIndex.words)
    }
}

/// The positions of a clip numbered 0..<K, so that a set inside a small clip is stored as K bits.
struct ClipIndex {
    let clip: IntervalSet
    /// Clip positions in order (a small clip only).
    let positions: [UInt32]
    /// The number of clip positions before each of its runs.
    let before: [Int]
    var runs: [Range<UInt32>] { clip.runs }
    /// Bits per set are cheaper than runs up to this many positions.
    var isSmall: Bool { !positions.isEmpty && positions.count <= 1 << 16 }
    var words: Int { isSmall ? (positions.count + 63) / 64 : 0 }

    init(_ clip: IntervalSet) {
        self.clip = clip
        var before: [Int] = [], positions: [UInt32] = []
        if clip.count <= 1 << 16 {
            for r in clip.runs {
                before.append(positions.count)
                positions.append(contentsOf: r)
            }
        }
        self.before = before
        self.positions = positions
    }

    /// Appends the bits of `set` (a subset of the clip).
    func appendBits(of set: IntervalSet, to bits: inout [UInt64]) {
        let base = bits.count
        bits.append(contentsOf: repeatElement(0, count: words))
        for r in set.runs {
            // The clip run holding r: the last one starting at or before it.
            var lo = 0, hi = runs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if runs[mid].lowerBound <= r.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            let c = lo - 1
            for p in r {
                let i = before[c] + Int(p - runs[c].lowerBound)
                bits[base + i / 64] |= 1 << UInt64(i % 64)
            }
        }
    }
}
