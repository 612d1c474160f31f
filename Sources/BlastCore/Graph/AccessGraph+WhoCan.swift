/// Everyone whose radius covers a resource (or who may do an action on it), each with the
/// shortest path.
public struct WhoCan: Sendable {
    public struct Entry: Sendable {
        public let hops: Int
        /// The state the entry starts from (an identity session or a credential).
        public let state: SearchState
    }

    public let resource: ResourceID
    public let action: String?
    public let options: QueryOptions
    /// Identities (starting with `options.mfa`), sorted by (hops, id).
    public let identities: [(identity: IdentityID, entry: Entry)]
    /// Valid credentials, sorted by (hops, id).
    public let credentials: [(credential: CredentialID, entry: Entry)]
    let graph: AccessGraph
    /// The moves on the answer's paths, and per state the index among them of the move towards
    /// the resource (-1 at a state that acts on it directly, or unreached).
    let allMoves: [Move]
    let next: [Int32]
    let terminal: [SearchState: PathTail]

    /// The explanation path of an entry, from its start to the resource. Views along the path are
    /// rebuilt (they are not kept for every session).
    public func path(_ entry: Entry) -> [PathStep] {
        var moves: [Move] = []
        var s = entry.state
        while next[s.index] >= 0 {
            let m = allMoves[Int(next[s.index])]
            moves.append(m)
            s = m.to
        }
        guard let tail = terminal[s] else { preconditionFailure("who-can path ends at a state with no access") }
        return graph.steps(moves: moves, endingAt: s, tail: tail) { state in
            graph.isSession(state) ? graph.view(of: graph.session(ofState: state), options: options) : nil
        }
    }
}

extension AccessGraph {
    /// Who can reach `resource` (with `action`: who may do that concrete action on it).
    ///
    /// Builds every session's moves once (in parallel), marks the sessions that act on the
    /// resource directly, then runs one backward bucket-queue search over the moves indexed by
    /// target, so the cost does not multiply by the number of identities.
    /// - Complexity: O(I · v + M) for I identities with view cost v and M moves.
    public func whoCan(reach resource: ResourceID, action: String?, options: QueryOptions) -> WhoCan {
        struct Part: Sendable {
            var moves: [Move] = []
            var terminals: [(state: SearchState, entitlement: Entitlement)] = []
            var memo = EscalationMemo()
        }
        var parts = forEverySession(options: options, empty: Part()) { v, part in
            part.moves.append(contentsOf: moves(from: v, memo: &part.memo))
            let entitlement =
                if let action { self.entitlement(v, action: action, on: resource) } else { access(v, at: resource)?.entitlement }
            if let entitlement { part.terminals.append((v.session.state, entitlement)) }
        }
        // The parts' move arrays are used in place (one global index over them), not copied.
        var all = MoveChunks()
        for k in parts.indices {
            all.append(parts[k].moves)
            parts[k].moves = []
            parts[k].memo = EscalationMemo()
        }
        var extra: [Move] = []
        forEveryCredentialAndGrantState(at: options.at) { _, moves in extra.append(contentsOf: moves) }
        all.append(extra)
        // Moves indexed by target (a stable counting sort keeps the order above within a target).
        let stateCount = self.stateCount
        var start = [Int32](repeating: 0, count: stateCount + 1)
        all.forEach { _, m in start[m.to.index + 1] += 1 }
        for k in 0..<stateCount { start[k + 1] += start[k] }
        var fill = start
        var byTarget = [Int32](repeating: 0, count: all.count)
        all.forEach { k, m in
            byTarget[Int(fill[m.to.index])] = Int32(k)
            fill[m.to.index] += 1
        }
        fill = []

        var terminal: [SearchState: PathTail] = [:]
        var distance = [UInt32](repeating: Exploration.unreached, count: stateCount)
        var next = [Int32](repeating: -1, count: stateCount)
        var queue = BucketQueue()
        for p in parts {
            for (s, e) in p.terminals {
                terminal[s] = .resource(e, resource)
                distance[s.index] = e.held.hops + 1
                queue.push(s, distance: distance[s.index])
            }
        }
        while let (s, d) = queue.pop() {
            guard distance[s.index] == d else { continue }
            for k in start[s.index]..<start[s.index + 1] {
                let m = all[Int(byTarget[Int(k)])]
                let nd = d + m.weight
                guard nd < distance[m.from.index] else { continue }
                distance[m.from.index] = nd
                next[m.from.index] = byTarget[Int(k)]
                queue.push(m.from, distance: nd)
            }
        }
        // Only the moves on the answer's paths are kept.
        var pathMoves: [Move] = []
        for s in 0..<stateCount where next[s] >= 0 {
            let m = all[Int(next[s])]
            next[s] = Int32(pathMoves.count)
            pathMoves.append(m)
        }
        all = MoveChunks()
        byTarget = []
        var ids: [(identity: IdentityID, entry: WhoCan.Entry)] = []
        for i in 0..<identityCount {
            let s = Session(identity: IdentityID(i), mfa: options.mfa).state
            if distance[s.index] != Exploration.unreached {
                ids.append((IdentityID(i), WhoCan.Entry(hops: Int(distance[s.index]), state: s)))
            }
        }
        ids.sort { ($0.entry.hops, identities[$0.identity.index].id) < ($1.entry.hops, identities[$1.identity.index].id) }
        var creds: [(credential: CredentialID, entry: WhoCan.Entry)] = []
        for c in credentials.indices where credentials[c].isValid(at: options.at) {
            let s = state(of: CredentialID(c))
            if distance[s.index] != Exploration.unreached {
                creds.append((CredentialID(c), WhoCan.Entry(hops: Int(distance[s.index]), state: s)))
            }
        }
        creds.sort { ($0.entry.hops, credentials[$0.credential.index].id) < ($1.entry.hops, credentials[$1.credential.index].id) }
        return WhoCan(
            resource: resource, action: action, options: options, identities: ids, credentials: creds,
            graph: self, allMoves: pathMoves, next: next, terminal: terminal)
    }
}

/// Move arrays addressed by one index across them, so that per-chunk results are searched
/// without concatenating them.
private struct MoveChunks {
    private var chunks: [[Move]] = []
    private var offsets: [Int] = [0]

    mutating func append(_ moves: [Move]) {
        chunks.append(moves)
        offsets.append(offsets[offsets.count - 1] + moves.count)
    }

    var count: Int { offsets[offsets.count - 1] }

    /// - Complexity: O(c) for c chunks (a handful: one per chunk of identities, plus one).
    subscript(i: Int) -> Move {
        var c = 0
        while offsets[c + 1] <= i { c += 1 }
        return chunks[c][i - offsets[c]]
    }

    /// Every move with its index, in index order.
    func forEach(_ body: (Int, Move) -> Void) {
        var k = 0
        for chunk in chunks {
            for m in chunk {
                body(k, m)
                k += 1
            }
        }
    }
}
