/// A proof of reachability: the state a search reached and how the path ends past it.
public struct Proof: Sendable, Hashable {
    public let state: SearchState
    public let tail: PathTail
}

/// What a start can reach: sessions, credentials, resources with the actions allowed on them,
/// what approvals alone would add, and statements that cover nothing declared.
public struct Radius: Sendable {
    public struct ReachedIdentity: Sendable {
        public let identity: IdentityID
        public let hops: Int
        /// Whether the shortest way in yields an MFA session.
        public let mfa: Bool
        public let proof: Proof
    }

    public struct ReachedCredential: Sendable {
        public let credential: CredentialID
        public let hops: Int
        public let proof: Proof
    }

    /// What one reached identity may do on a resource.
    public struct Access: Sendable, Equatable {
        public let identity: IdentityID
        /// Remaining allow patterns, sorted.
        public let actions: [String]
        /// Deny patterns that apply, sorted.
        public let denied: [String]
    }

    public struct ReachedResource: Sendable {
        public let resource: ResourceID
        public let hops: Int
        public let proof: Proof
        /// Sorted by identity id; empty unless the radius was computed with `detail`.
        public let access: [Access]
        /// The sorted union of the access entries' actions.
        public let actions: [String]
        /// The shortest proof ending in a session that may do every action here (its remaining
        /// allows are `*` and none of its denies applies), and its length; nil when no reached
        /// session may.
        public let control: (proof: Proof, hops: Int)?
    }

    /// An allow statement of a reached identity whose resource patterns (within the grant's scope)
    /// match no declared resource: reach the model does not list.
    public struct Unmatched: Sendable {
        public let identity: IdentityID
        /// The allow statement that matches nothing declared.
        public let statement: StatementID
        public let actions: [String]
        public let resources: [String]
        public let scope: String?
        public let hops: Int
        public let proof: Proof
    }

    /// The starts (one, or several for a multi-key compromise).
    public let starts: [AccessGraph.Start]
    public let options: QueryOptions
    /// Whether each reached resource lists every reached identity's access (`ReachedResource.access`).
    public let detail: Bool
    /// Why a start is unusable (an expired credential), one sentence per such start.
    public let startProblem: String?

    /// Sorted by (hops, id).
    public let identities: [ReachedIdentity]
    /// Credentials used or revealed on the way, sorted by (hops, id); includes a credential start.
    public let credentials: [ReachedCredential]
    /// In hierarchy order.
    public let resources: [ReachedResource]
    /// Reachable only once approval-gated grants or assumes are approved; proofs refer to
    /// `eligibleSearch`. Empty when the query already follows approvals.
    public let eligible: [ReachedResource]
    /// Sorted by identity id; empty when the radius was asked without them (`unmatched: false`).
    public let unmatched: [Unmatched]
    public let search: Exploration
    public let eligibleSearch: Exploration?

    /// The explanation path of a proof from the standing search.
    public func path(_ proof: Proof) -> [PathStep] { Radius.path(proof, in: search) }

    /// The explanation path of an eligible resource's proof.
    public func eligiblePath(_ proof: Proof) -> [PathStep] {
        guard let eligibleSearch else { preconditionFailure("eligible path asked of a radius that follows approvals") }
        return Radius.path(proof, in: eligibleSearch)
    }

    static func path(_ proof: Proof, in search: Exploration) -> [PathStep] {
        search.graph.steps(moves: search.moves(to: proof.state), endingAt: proof.state, tail: proof.tail) { search.view(of: $0) }
    }
}

/// Work a radius shares with later radii on the same graph: the action lists of each combination
/// of statements and the open escalations of each set of held roles.
public struct RadiusWorkspace: Sendable {
    var access = AccessGraph.AccessMemo()
    var escalations = EscalationMemo()

    /// With `keepingSessions`, session views and their access are kept for the next radii too:
    /// for many radii on one graph under the same options (memory grows with the sessions seen).
    public init(keepingSessions: Bool = false) {
        access.keepsSessions = keepingSessions
        escalations.keepsViews = keepingSessions
    }
}

extension AccessGraph {
    /// `access(_:memo:)`, kept per session state in `memo` when it keeps sessions.
    func sessionAccess(_ v: SessionView, memo: inout AccessMemo) -> (segments: [AccessSegment], unmatched: [Entitlement]) {
        guard memo.keepsSessions else { return access(v, memo: &memo) }
        if memo.sessionOptions == v.options, let known = memo.sessions[v.session.state] { return known }
        if memo.sessionOptions != v.options {
            memo.sessions.removeAll()
            memo.sessionOptions = v.options
        }
        let result = access(v, memo: &memo)
        memo.sessions[v.session.state] = result
        return result
    }
}

extension AccessGraph {
    /// The blast radius of a credential or identity.
    /// - Parameter detail: whether each reached resource lists what every reached identity may do
    ///   there (`ReachedResource.access`); without it `access` is empty and the cost does not
    ///   grow as resources × identities.
    /// - Complexity: one or two searches (standing, then with approvals), each
    ///   O(S · v + M), plus O(b · a) for b runs of resources and a segments active on a run, and
    ///   with `detail` O(a log a) for the a (resource, identity) access entries reported.
    public func radius(from start: Start, options: QueryOptions, detail: Bool = false) -> Radius {
        radius(from: [start], options: options, detail: detail)
    }

    /// The blast radius of several starts together (a multi-key compromise).
    /// - Complexity: as for one start: the searches share every reached session.
    public func radius(from starts: [Start], options: QueryOptions, detail: Bool = false) -> Radius {
        var workspace = RadiusWorkspace()
        return radius(from: starts, options: options, detail: detail, workspace: &workspace)
    }

    /// A radius that shares its per-policy work with other radii on this graph through
    /// `workspace`; with `eligible` false it skips the second search (what approvals would add),
    /// and `eligible` stays empty; with `unmatched` false it skips the statements that cover
    /// nothing declared, and `unmatched` stays empty (an audit's radii: no rule reads them).
    /// - Complexity: as `radius(from:options:detail:)`, less the work `workspace` already holds.
    public func radius(
        from starts: [Start], options: QueryOptions, detail: Bool = false, eligible followApprovals: Bool = true,
        unmatched wantsUnmatched: Bool = true, workspace: inout RadiusWorkspace
    ) -> Radius {
        let standing = Exploration(graph: self, starts: starts, options: options, memo: &workspace.escalations)
        var problems: [String] = []
        for case .credential(let c) in starts where !credentials[c.index].isValid(at: options.at) {
            let cred = credentials[c.index]
            problems.append(
                "credential '\(cred.id)' expired at \(cred.expires?.iso8601 ?? "?"); it cannot start a path at \(options.at.iso8601)")
        }
        let startProblem = problems.isEmpty ? nil : problems.joined(separator: "; ")
        let reached = reachedResources(standing, detail: detail, unmatched: wantsUnmatched, memo: &workspace.access)
        var eligible: [Radius.ReachedResource] = []
        var eligibleSearch: Exploration?
        if !options.withApprovals && followApprovals {
            var approved = options
            approved.withApprovals = true
            let search = Exploration(graph: self, starts: starts, options: approved, memo: &workspace.escalations)
            let standingSet = Set(reached.resources.map(\.resource))
            eligible = reachedResources(search, detail: detail, unmatched: false, memo: &workspace.access).resources.filter { !standingSet.contains($0.resource) }
            eligibleSearch = search
        }

        var bestIdentity: [IdentityID: Radius.ReachedIdentity] = [:]
        for v in standing.sessions {
            let i = v.session.identity
            let d = Int(standing.distance(to: v.session.state))
            if bestIdentity[i] == nil || d < bestIdentity[i]!.hops {
                bestIdentity[i] = Radius.ReachedIdentity(
                    identity: i, hops: d, mfa: v.session.mfa,
                    proof: Proof(state: v.session.state, tail: .none))
            }
        }
        let identityList = bestIdentity.values.sorted {
            ($0.hops, identities[$0.identity.index].id) < ($1.hops, identities[$1.identity.index].id)
        }
        let credentialList = standing.credentials.map { c in
            Radius.ReachedCredential(
                credential: c, hops: Int(standing.distance(to: state(of: c))),
                proof: Proof(state: state(of: c), tail: .none))
        }.sorted { ($0.hops, credentials[$0.credential.index].id) < ($1.hops, credentials[$1.credential.index].id) }

        return Radius(
            starts: starts, options: options, detail: detail, startProblem: startProblem, identities: identityList,
            credentials: credentialList, resources: reached.resources, eligible: eligible,
            unmatched: reached.unmatched, search: standing, eligibleSearch: eligibleSearch)
    }

    /// Whether `segments` allow every action, with no deny, on every resource between them.
    private func allowsEverythingEverywhere(_ segments: [AccessSegment], memo: AccessMemo) -> Bool {
        guard !segments.isEmpty, segments.allSatisfy({ $0.denied.isEmpty && memo.hasEverything[Int($0.listID)] }) else { return false }
        var end: UInt32 = 0
        for r in segments.map(\.positions).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            guard r.lowerBound <= end else { return false }
            end = max(end, r.upperBound)
        }
        return end == UInt32(resources.count)
    }

    /// Resources reached by a search's sessions, and the statements of those sessions that
    /// cover no declared resource. With `detail`, each resource's per-identity access list.
    ///
    /// Without `detail`, a session whose segments allow every action with no deny on every
    /// resource between them (an account administrator) decides each resource's actions (`*`),
    /// and proof and control wherever its segment is at most as long (its longest segment's hops,
    /// ties to the earlier segment): segments longer than that, or as long and later, are dropped
    /// before the sweep, and with `unmatched` false the sessions settled after it are not even
    /// read — a search that reaches an administrator pays for what precedes it.
    func reachedResources(
        _ search: Exploration, detail: Bool, unmatched wantsUnmatched: Bool = true, memo: inout AccessMemo
    ) -> (resources: [Radius.ReachedResource], unmatched: [Radius.Unmatched]) {
        var segments: [AccessSegment] = []
        var segmentSession: [Int32] = []
        var segmentHops: [UInt32] = []
        var unmatched: [String: Radius.Unmatched] = [:]
        // The administrator session with the shortest longest segment: that hops count, and the
        // index of its last segment.
        var umbrella: (hops: UInt32, index: Int32)?
        for (k, v) in search.sessions.enumerated() {
            let base = search.distance(to: v.session.state)
            // Sessions come in settlement order: every later segment is at least `base + 1` long.
            if !detail, !wantsUnmatched, let u = umbrella, base + 1 >= u.hops { break }
            let (segs, nothing) = sessionAccess(v, memo: &memo)
            var longest: UInt32 = 0
            for s in segs {
                let hops = base + s.entitlement.held.hops + 1
                longest = max(longest, hops)
                segments.append(s)
                segmentSession.append(Int32(k))
                segmentHops.append(hops)
            }
            if !detail, umbrella.map({ longest < $0.hops }) ?? true, allowsEverythingEverywhere(segs, memo: memo) {
                umbrella = (longest, Int32(segments.count - 1))
            }
            guard wantsUnmatched else { continue }
            for e in nothing {
                let st = statements[e.statement.index]
                let scope = grants[e.held.grant.index].model.scope
                let key = "\(v.session.identity.rawValue)|\(e.statement.rawValue)|\(scope ?? "")"
                let hops = Int(base + e.held.hops)
                if let old = unmatched[key], old.hops <= hops { continue }
                unmatched[key] = Radius.Unmatched(
                    identity: v.session.identity, statement: e.statement, actions: st.actionTexts,
                    resources: st.resourcePatterns, scope: scope, hops: hops,
                    proof: Proof(state: v.session.state, tail: .role(e.held)))
            }
        }
        if let u = umbrella {
            // Longer segments, and as long and later ones, change no resource's actions, proof or
            // control: the administrator's segment there is `*`, controls, and comes first.
            var keep = 0
            for k in segments.indices where (segmentHops[k], Int32(k)) <= (u.hops, u.index) {
                segments[keep] = segments[k]
                segmentSession[keep] = segmentSession[k]
                segmentHops[keep] = segmentHops[k]
                keep += 1
            }
            segments.removeSubrange(keep...)
            segmentSession.removeSubrange(keep...)
            segmentHops.removeSubrange(keep...)
        }
        var out: [Radius.ReachedResource] = []
        if !segments.isEmpty {
            // Identities ordered by id once; each segment carries its identity's rank.
            let sessionIdentity = search.sessions.map(\.session.identity)
            let involved = Set(segmentSession.map { sessionIdentity[Int($0)] }).sorted { identities[$0.index].id < identities[$1.index].id }
            var rankOf: [IdentityID: Int32] = [:]
            for (k, i) in involved.enumerated() { rankOf[i] = Int32(k) }
            let sessionRank = sessionIdentity.map { rankOf[$0] ?? -1 }
            let segmentRank = segmentSession.map { sessionRank[Int($0)] }
            // Action lists are interned by the memo, so that unions are computed once per distinct
            // combination of lists.
            let segmentActions: [Int32] = segments.map(\.listID)
            let segmentControls = segments.map { $0.denied.isEmpty && memo.hasEverything[Int($0.listID)] }
            // Each list and each union is reported without the patterns another of its patterns
            // covers (`*` covers all); a list holding `*` makes any union `*` at once.
            func reduced(_ id: Int32) -> [String] { memo.reduced(id) }
            var unions: [[Int32]: [String]] = [:]
            func union(_ ids: [Int32]) -> [String] {
                let key = Array(Set(ids)).sorted()
                if key.count == 1 { return reduced(key[0]) }
                if key.contains(where: { memo.hasEverything[Int($0)] }) { return ["*"] }
                if let u = unions[key] { return u }
                let u = Pattern.withoutCovered(Set(key.flatMap { memo.actionLists[Int($0)] }).sorted())
                unions[key] = u
                return u
            }
            // Without detail: how many active segments carry each list, and the lists present.
            var listCount = [Int32](repeating: 0, count: memo.actionLists.count)
            var present: [Int32] = []  // ascending
            func count(_ list: Int32, _ delta: Int32) {
                listCount[Int(list)] += delta
                let c = listCount[Int(list)]
                guard (delta > 0 && c == 1) || (delta < 0 && c == 0) else { return }
                var lo = 0, hi = present.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if present[mid] < list { lo = mid + 1 } else { hi = mid }
                }
                if delta > 0 { present.insert(list, at: lo) } else { present.remove(at: lo) }
            }
            // A sweep over segment boundaries: between two consecutive boundaries the covering
            // segments are the same, so the access list, the actions and the best proof are
            // computed once per run of resources and shared by every resource in it. The cost is
            // O(b · a) for b boundaries and a active segments, not one entry per (resource, identity).
            var events: [(position: UInt32, segment: Int32)] = []
            events.reserveCapacity(segments.count * 2)
            for (k, seg) in segments.enumerated() {
                events.append((seg.positions.lowerBound, Int32(k)))
                events.append((seg.positions.upperBound, ~Int32(k)))
            }
            events.sort { ($0.position, $0.segment) < ($1.position, $1.segment) }
            func before(_ x: Int32, _ y: Int32) -> Bool { (segmentRank[Int(x)], x) < (segmentRank[Int(y)], y) }
            func place(_ x: Int32, in list: [Int32]) -> Int {
                var lo = 0, hi = list.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if before(list[mid], x) { lo = mid + 1 } else { hi = mid }
                }
                return lo
            }
            var active: [Int32] = []  // sorted by (identity rank, segment)
            var e = 0
            while e < events.count {
                let position = events[e].position
                while e < events.count, events[e].position == position {
                    let x = events[e].segment
                    if x >= 0 {
                        active.insert(x, at: place(x, in: active))
                        if !detail { count(segmentActions[Int(x)], 1) }
                    } else {
                        active.remove(at: place(~x, in: active))
                        if !detail { count(segmentActions[Int(~x)], -1) }
                    }
                    e += 1
                }
                guard e < events.count, !active.isEmpty else { continue }
                let end = events[e].position
                // The shortest proof: fewest hops, then the first segment (settlement order).
                var best = active[0]
                for g in active.dropFirst() where (segmentHops[Int(g)], g) < (segmentHops[Int(best)], best) { best = g }
                var access: [Radius.Access] = []
                var ids: [Int32] = []
                var k = detail ? 0 : active.count
                while k < active.count {
                    let rank = segmentRank[Int(active[k])]
                    var next = k + 1
                    while next < active.count, segmentRank[Int(active[next])] == rank { next += 1 }
                    let identity = sessionIdentity[Int(segmentSession[Int(active[k])])]
                    if next == k + 1 {
                        // The common case: one segment, already sorted and unique.
                        let s = segments[Int(active[k])]
                        access.append(Radius.Access(identity: identity, actions: reduced(s.listID), denied: s.denied))
                    } else {
                        var denied: Set<String> = []
                        for g in active[k..<next] { denied.formUnion(segments[Int(g)].denied) }
                        access.append(
                            Radius.Access(
                                identity: identity, actions: union(active[k..<next].map { segmentActions[Int($0)] }),
                                denied: denied.sorted()))
                    }
                    for g in active[k..<next] { ids.append(segmentActions[Int(g)]) }
                    k = next
                }
                let all =
                    if !detail {
                        present.count == 1 ? reduced(present[0]) : union(present)
                    } else {
                        access.count == 1 ? access[0].actions : union(ids)
                    }
                let b = segments[Int(best)]
                var controlling: Int32 = -1
                for g in active where segmentControls[Int(g)] {
                    if controlling < 0 || (segmentHops[Int(g)], g) < (segmentHops[Int(controlling)], controlling) { controlling = g }
                }
                let controlState = controlling < 0 ? nil : search.sessions[Int(segmentSession[Int(controlling)])].session.state
                let controlEntitlement = controlling < 0 ? nil : segments[Int(controlling)].entitlement
                let state = search.sessions[Int(segmentSession[Int(best)])].session.state
                let hops = Int(segmentHops[Int(best)])
                for p in position..<end {
                    out.append(
                        Radius.ReachedResource(
                            resource: ResourceID(p), hops: hops,
                            proof: Proof(state: state, tail: .resource(b.entitlement, ResourceID(p))),
                            access: access, actions: all,
                            control: controlState.map {
                                (Proof(state: $0, tail: .resource(controlEntitlement!, ResourceID(p))), Int(segmentHops[Int(controlling)]))
                            }))
                }
            }
        }
        let unmatchedList = unmatched.values.sorted { a, b in
            let (x, y) = (identities[a.identity.index].id, identities[b.identity.index].id)
            if x != y { return x < y }
            if a.resources != b.resources { return a.resources.lexicographicallyPrecedes(b.resources) }
            if a.actions != b.actions { return a.actions.lexicographicallyPrecedes(b.actions) }
            if a.scope != b.scope { return (a.scope ?? "") < (b.scope ?? "") }
            return a.statement < b.statement
        }
        return (out, unmatchedList)
    }
}
