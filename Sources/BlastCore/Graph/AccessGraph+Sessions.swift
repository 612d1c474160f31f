extension AccessGraph {
    /// What `session` may use under `options`.
    /// - Complexity: O(g + m + k) for the g groups containing the identity, m membership edges
    ///   among them and k grants and assumes they hold.
    public func view(of session: Session, options: QueryOptions) -> SessionView {
        var holders: [HolderID] = [holder(of: session.identity)]
        var hops: [UInt32] = [0]
        var parent: [Int] = [-1]
        // Most identities are in a handful of groups: a linear scan beats hashing until the list grows.
        var seen: Set<HolderID> = []
        var head = 0
        while head < holders.count {
            let h = holders[head]
            for g in memberOf[h.index] {
                if holders.count < 32 {
                    if holders.contains(g) { continue }
                } else {
                    if seen.isEmpty { seen = Set(holders) }
                    guard seen.insert(g).inserted else { continue }
                }
                holders.append(g)
                hops.append(hops[head] + 1)
                parent.append(head)
            }
            head += 1
        }
        var held: [HeldGrant] = []
        var assumes: [(assume: AssumeID, via: Int)] = []
        var denies: [(statement: StatementID, grant: GrantID)] = []
        for (k, h) in holders.enumerated() {
            for g in grantsOf[h.index] where options.allows(grants[g.index].terms, sessionMFA: session.mfa) {
                held.append(HeldGrant(grant: g, via: k, hops: hops[k] + 1))
                for s in roleDenies[grants[g.index].role.index] { denies.append((s, g)) }
            }
            for a in assumesOf[h.index] where options.allows(self.assumes[a.index].terms, sessionMFA: session.mfa) {
                assumes.append((a, k))
            }
        }
        held.sort { ($0.hops, $0.grant) < ($1.hops, $1.grant) }
        assumes.sort { (hops[$0.via], $0.assume) < (hops[$1.via], $1.assume) }
        return SessionView(
            session: session, options: options, holders: holders, holderHops: hops, holderParent: parent,
            grants: held, assumes: assumes, denies: denies)
    }

    func covers(_ statement: StatementID, _ grant: GrantID, _ position: UInt32) -> Bool {
        if let scope = grants[grant.index].scope, !scope.contains(position) { return false }
        return statements[statement.index].coverage.contains(position)
    }

    /// The session's deny statements that apply to a resource position.
    func denies(_ view: SessionView, at p: UInt32) -> [CompiledStatement] {
        view.denies.filter { covers($0.statement, $0.grant, p) }.map { statements[$0.statement.index] }
    }

    /// The first (shortest, then lowest id) entitlement of `view` allowing the concrete `action` on
    /// `resource`, or nil when none does or a deny of the same session matches it.
    /// - Complexity: O(s log r) over the session's statements.
    public func entitlement(_ view: SessionView, action: String, on resource: ResourceID) -> Entitlement? {
        let p = resource.rawValue
        for (s, g) in view.denies where covers(s, g, p) && statements[s.index].matches(action: action) {
            return nil
        }
        for h in view.grants {
            for st in roleAllows[grants[h.grant.index].role.index] {
                if covers(st, h.grant, p) && statements[st.index].matches(action: action) {
                    return Entitlement(held: h, statement: st)
                }
            }
        }
        return nil
    }

    /// For each item sorted by resource position (credential copies or takeover targets), the
    /// first entitlement that allows one of the concrete actions selected by `mask` on its resource
    /// and is not denied for the same session.
    func entitledItems(
        _ view: SessionView, positions: [UInt32], mask: (CompiledStatement) -> UInt64
    ) -> [(item: Int, entitlement: Entitlement)] {
        guard !positions.isEmpty else { return [] }
        var best: [Int: Entitlement] = [:]
        var denyCache: [UInt32: UInt64] = [:]
        func denied(_ p: UInt32) -> UInt64 {
            if let m = denyCache[p] { return m }
            var m: UInt64 = 0
            for (s, g) in view.denies {
                let dm = mask(statements[s.index])
                if dm != 0 && covers(s, g, p) { m |= dm }
            }
            denyCache[p] = m
            return m
        }
        for h in view.grants {
            for s in roleAllows[grants[h.grant.index].role.index] {
                let am = mask(statements[s.index])
                guard am != 0 else { continue }
                for run in coverage(of: s, under: h.grant).runs {
                    var k = lowerBound(positions, run.lowerBound)
                    while k < positions.count, positions[k] < run.upperBound {
                        if best[k] == nil, am & ~denied(positions[k]) != 0 {
                            best[k] = Entitlement(held: h, statement: s)
                        }
                        k += 1
                    }
                }
            }
        }
        return best.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Credential copies the session can reveal, with the entitlement that reveals each.
    public func revealableCopies(_ view: SessionView) -> [(copy: Int, entitlement: Entitlement)] {
        entitledItems(view, positions: copyPositions, mask: \.revealMask).map { ($0.item, $0.entitlement) }
    }

    /// Identities the session can take over, by index into `takeoverTargets`.
    public func takeoverableTargets(_ view: SessionView) -> [(target: Int, entitlement: Entitlement)] {
        entitledItems(view, positions: takeoverPositions, mask: \.takeoverMask).map { ($0.item, $0.entitlement) }
    }

    /// One run of resources on which a session's remaining allow patterns and applicable denies
    /// are the same.
    public struct AccessSegment: Sendable {
        public let positions: Range<UInt32>
        /// Allow patterns left after removing those an applicable deny matches as a whole string.
        public let actions: [String]
        /// Deny patterns that apply to these resources.
        public let denied: [String]
        /// The shortest entitlement among those contributing a remaining allow pattern.
        public let entitlement: Entitlement
        /// The `AccessMemo` entry these actions and denies came from: equal ids, equal lists.
        let listID: Int32
    }

    /// The remaining allows and the denies of each distinct combination of active allow and deny
    /// statements, computed once per search instead of once per session and run: sessions that
    /// hold the same policies (every member of a group, an account's administrators) share them.
    public struct AccessMemo: Sendable {
        struct Entry: Sendable {
            let actions: [String]
            let denied: [String]
            /// Per allow statement of the key, whether it contributes a remaining pattern.
            let contributes: [Bool]
            let id: Int32
        }
        var entries: [[UInt32]: Entry] = [:]
        /// List id → its actions (distinct lists: entries with equal actions share an id).
        var actionLists: [[String]] = []
        var listIDs: [[String]: Int32] = [:]
        /// List id → whether it holds `*`, and the list without covered patterns once asked.
        var hasEverything: [Bool] = []
        private var reducedLists: [[String]?] = []
        /// With `keepsSessions`: each session's segments and unmatched statements, by state, for
        /// later radii (views are the same under the same options; the audit's radii share them).
        var keepsSessions = false
        var sessions: [SearchState: (segments: [AccessSegment], unmatched: [Entitlement])] = [:]
        var sessionOptions: QueryOptions?
        public init() {}

        mutating func listID(_ actions: [String]) -> Int32 {
            if let known = listIDs[actions] { return known }
            let id = Int32(actionLists.count)
            listIDs[actions] = id
            actionLists.append(actions)
            hasEverything.append(actions.contains("*"))
            reducedLists.append(nil)
            return id
        }

        /// The list without the patterns another of its patterns covers.
        mutating func reduced(_ id: Int32) -> [String] {
            if let known = reducedLists[Int(id)] { return known }
            let r = hasEverything[Int(id)] ? ["*"] : Pattern.withoutCovered(actionLists[Int(id)])
            reducedLists[Int(id)] = r
            return r
        }
    }

    /// Where the session may act: runs of resources with their remaining allows and denies.
    /// Also returns allow statements (with their entitlement) that cover no declared resource.
    /// - Complexity: O(b · a) for b run boundaries and a statements active on a run.
    public func access(_ view: SessionView) -> (segments: [AccessSegment], unmatched: [Entitlement]) {
        var memo = AccessMemo()
        return access(view, memo: &memo)
    }

    /// As `access(_:)`, sharing the action lists of equal statement combinations through `memo`.
    public func access(_ view: SessionView, memo: inout AccessMemo) -> (segments: [AccessSegment], unmatched: [Entitlement]) {
        struct Item { let entitlement: Entitlement?; let deny: StatementID? }
        var items: [Item] = []
        var events: [(position: UInt32, isStart: Bool, item: Int)] = []
        var unmatched: [Entitlement] = []
        for h in view.grants {
            for s in roleAllows[grants[h.grant.index].role.index] {
                let e = Entitlement(held: h, statement: s)
                let cov = coverage(of: e.statement, under: h.grant)
                if cov.isEmpty { unmatched.append(e); continue }
                items.append(Item(entitlement: e, deny: nil))
                for r in cov.runs {
                    events.append((r.lowerBound, true, items.count - 1))
                    events.append((r.upperBound, false, items.count - 1))
                }
            }
        }
        guard !events.isEmpty else { return ([], unmatched) }
        for (s, g) in view.denies {
            items.append(Item(entitlement: nil, deny: s))
            for r in coverage(of: s, under: g).runs {
                events.append((r.lowerBound, true, items.count - 1))
                events.append((r.upperBound, false, items.count - 1))
            }
        }
        events.sort { ($0.position, $0.isStart ? 1 : 0, $0.item) < ($1.position, $1.isStart ? 1 : 0, $1.item) }
        var active: Set<Int> = []
        var segments: [AccessSegment] = []
        var key: [UInt32] = []
        var allowItems: [Entitlement] = []
        var denyStatements: [StatementID] = []
        var k = 0
        while k < events.count {
            let start = events[k].position
            while k < events.count, events[k].position == start {
                if events[k].isStart { active.insert(events[k].item) } else { active.remove(events[k].item) }
                k += 1
            }
            guard k < events.count, !active.isEmpty else { continue }
            let end = events[k].position
            denyStatements.removeAll(keepingCapacity: true)
            allowItems.removeAll(keepingCapacity: true)
            for i in active.sorted() {
                if let d = items[i].deny { denyStatements.append(d) } else if let e = items[i].entitlement { allowItems.append(e) }
            }
            guard !allowItems.isEmpty else { continue }
            key.removeAll(keepingCapacity: true)
            for e in allowItems { key.append(e.statement.rawValue) }
            key.append(UInt32.max)
            for d in denyStatements { key.append(d.rawValue) }
            let entry: AccessMemo.Entry
            if let known = memo.entries[key] {
                entry = known
            } else {
                entry = accessEntry(allows: allowItems.map(\.statement), denies: denyStatements, memo: &memo)
                memo.entries[key] = entry
            }
            var best: Entitlement?
            for (e, contributes) in zip(allowItems, entry.contributes) where contributes {
                if best == nil || (e.held.hops, e.held.grant, e.statement) < (best!.held.hops, best!.held.grant, best!.statement) {
                    best = e
                }
            }
            guard let best else { continue }
            if let last = segments.last, last.positions.upperBound == start, last.entitlement == best,
                last.listID == entry.id, last.denied == entry.denied
            {
                segments[segments.count - 1] = AccessSegment(
                    positions: last.positions.lowerBound..<end, actions: last.actions,
                    denied: last.denied, entitlement: last.entitlement, listID: last.listID)
            } else {
                segments.append(AccessSegment(positions: start..<end, actions: entry.actions, denied: entry.denied, entitlement: best, listID: entry.id))
            }
        }
        return (segments, unmatched)
    }

    /// The remaining allow patterns of `allows` once `denies` remove theirs, the deny patterns,
    /// and which allows contribute a remaining pattern.
    private func accessEntry(allows: [StatementID], denies: [StatementID], memo: inout AccessMemo) -> AccessMemo.Entry {
        var remaining: Set<String> = []
        var contributes: [Bool] = []
        contributes.reserveCapacity(allows.count)
        for s in allows {
            var c = false
            let st = statements[s.index]
            for (a, text) in zip(st.actions, st.actionTexts) where !denies.contains(where: { statements[$0.index].removes(allow: a) }) {
                remaining.insert(text)
                c = true
            }
            contributes.append(c)
        }
        let denied = Set(denies.flatMap { statements[$0.index].actionTexts }).sorted()
        let id = memo.listID(remaining.sorted())
        return AccessMemo.Entry(actions: memo.actionLists[Int(id)], denied: denied, contributes: contributes, id: id)
    }

    func lowerBound(_ sorted: [UInt32], _ value: UInt32) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension AccessGraph {
    /// Per identity, whether a session of it with MFA can exist under `options`: every identity
    /// when starts have MFA, else those with an MFA credential, or reachable by an assume or an
    /// MFA-gated escalation (which keep or grant MFA). Searches over all sessions skip the rest.
    /// - Complexity: O(I + C + A + X).
    public func mfaSessionsPossible(options: QueryOptions) -> [Bool] {
        guard !options.mfa else { return Array(repeating: true, count: identityCount) }
        var possible = [Bool](repeating: false, count: identityCount)
        for (k, c) in credentials.enumerated() where c.mfa { possible[credentialOwner[k].index] = true }
        for a in assumes { possible[a.to.index] = true }
        for e in escalations where e.model.terms.mfa { possible[e.to.index] = true }
        return possible
    }
}
