/// Everyone whose radius covers a resource (or who may do an action on it), each with the
/// shortest path.
public struct WhoCan: Sendable {
    public struct Entry: Sendable {
        public let hops: Int
        /// The state the entry starts from (an identity session or a credential).
        public let state: UInt32
    }

    public let resource: ResourceID
    public let action: String?
    public let options: QueryOptions
    /// Identities (starting with `options.mfa`), sorted by (hops, id).
    public let identities: [(identity: IdentityID, entry: Entry)]
    /// Valid credentials, sorted by (hops, id).
    public let credentials: [(credential: CredentialID, entry: Entry)]
    let graph: AccessGraph
    let next: [Move?]
    let terminal: [UInt32: PathTail]
    let views: [UInt32: SessionView]

    /// The explanation path of an entry, from its start to the resource.
    public func path(_ entry: Entry) -> [PathStep] {
        var moves: [Move] = []
        var s = entry.state
        while let m = next[Int(s)] {
            moves.append(m)
            s = m.to
        }
        guard let tail = terminal[s] else { preconditionFailure("who-can path ends at a state with no access") }
        return graph.steps(moves: moves, endingAt: s, tail: tail) { views[$0] }
    }
}

extension AccessGraph {
    /// Who can reach `resource` (with `action`: who may do that concrete action on it).
    ///
    /// Builds every session's moves once, marks the sessions that act on the resource directly,
    /// then runs one backward bucket-queue search, so the cost does not multiply by the number of
    /// identities.
    /// - Complexity: O(I · v + M) for I identities with view cost v and M moves.
    public func whoCan(reach resource: ResourceID, action: String?, options: QueryOptions) -> WhoCan {
        let stateCount = self.stateCount
        var views: [UInt32: SessionView] = [:]
        var reverse: [[Move]] = Array(repeating: [], count: stateCount)
        var terminal: [UInt32: PathTail] = [:]
        var distance = [UInt32](repeating: Exploration.unreached, count: stateCount)
        var next = [Move?](repeating: nil, count: stateCount)
        var queue = BucketQueue()
        let mfaPossible = mfaSessionsPossible(options: options)
        for i in 0..<identityCount {
            for mfa in [false, true] where !mfa || mfaPossible[i] {
                let v = view(of: Session(identity: IdentityID(i), mfa: mfa), options: options)
                let s = v.session.state
                views[s] = v
                for m in moves(from: v) { reverse[Int(m.to)].append(m) }
                let entitlement: Entitlement?
                if let action {
                    entitlement = self.entitlement(v, action: action, on: resource)
                } else {
                    entitlement = access(v, at: resource)?.entitlement
                }
                if let e = entitlement {
                    terminal[s] = .resource(e, resource)
                    distance[Int(s)] = e.held.hops + 1
                    queue.push(s, distance: distance[Int(s)])
                }
            }
        }
        for c in credentials.indices where credentials[c].isValid(at: options.at) {
            for m in moves(fromCredential: CredentialID(c)) { reverse[Int(m.to)].append(m) }
        }
        for g in grants.indices where roleHasPowers[grants[g].role.index] {
            for m in moves(fromGrant: GrantID(g), at: options.at) { reverse[Int(m.to)].append(m) }
        }
        while let (s, d) = queue.pop() {
            guard distance[Int(s)] == d else { continue }
            for m in reverse[Int(s)] {
                let nd = d + m.weight
                guard nd < distance[Int(m.from)] else { continue }
                distance[Int(m.from)] = nd
                next[Int(m.from)] = m
                queue.push(m.from, distance: nd)
            }
        }
        var ids: [(identity: IdentityID, entry: WhoCan.Entry)] = []
        for i in 0..<identityCount {
            let s = Session(identity: IdentityID(i), mfa: options.mfa).state
            if distance[Int(s)] != Exploration.unreached {
                ids.append((IdentityID(i), WhoCan.Entry(hops: Int(distance[Int(s)]), state: s)))
            }
        }
        ids.sort { ($0.entry.hops, identities[$0.identity.index].id) < ($1.entry.hops, identities[$1.identity.index].id) }
        var creds: [(credential: CredentialID, entry: WhoCan.Entry)] = []
        for c in credentials.indices where credentials[c].isValid(at: options.at) {
            let s = state(of: CredentialID(c))
            if distance[Int(s)] != Exploration.unreached {
                creds.append((CredentialID(c), WhoCan.Entry(hops: Int(distance[Int(s)]), state: s)))
            }
        }
        creds.sort { ($0.entry.hops, credentials[$0.credential.index].id) < ($1.entry.hops, credentials[$1.credential.index].id) }
        return WhoCan(resource: resource, action: action, options: options, identities: ids, credentials: creds,
                      graph: self, next: next, terminal: terminal, views: views)
    }
}
