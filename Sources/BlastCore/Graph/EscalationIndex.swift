/// Escalation requirements indexed by the statements that can satisfy them, so that a session
/// finds its usable escalations by walking the statements it holds once, instead of testing every
/// open escalation against every statement it holds.
///
/// A requirement key is one distinct (action, resource) pair among the escalations' requirements.
/// Each statement, allow or deny, lists the keys whose action it matches and whose resource its
/// coverage contains (grant scopes are checked per session). Action matching happens here, once;
/// the per-session work touches integers only.
struct EscalationIndex: Sendable {
    /// Per requirement key: the resource position it names.
    let keyPosition: ContiguousArray<UInt32>
    /// Statement → the requirement keys it matches and covers, ascending.
    let statementKeys: Adjacency<UInt32>
    /// Escalation → its requirement keys, in requirement order.
    let escalationKeys: Adjacency<UInt32>
    /// Requirement key → the escalations whose first requirement it is, ascending.
    let escalationsByFirstKey: Adjacency<UInt32>
    /// Per escalation: the holder it is restricted to, -1 when any session may use it.
    let escalationFrom: ContiguousArray<Int32>
    /// Per escalation: the identity it yields, and its terms.
    let escalationTo: ContiguousArray<IdentityID>
    let escalationTerms: [Terms]
    /// Per role: whether one of its statements (allow or deny) matches a requirement key. Grants
    /// of other roles change no session's escalations (a user's own `${aws:username}` role).
    private let roleHasKeys: [Bool]

    func hasKeys(_ role: RoleID) -> Bool { role.index < roleHasKeys.count && roleHasKeys[role.index] }

    /// Whether no escalation has a requirement (then no session has an escalation move).
    var isEmpty: Bool { keyPosition.isEmpty }

    /// Indexes the requirements of `escalations` by the `statements` that match them.
    /// - Complexity: O(S · A · p + S · A · r log K + H) for S statements of p action patterns and
    ///   r coverage runs, A distinct requirement actions, K keys and H (statement, key) hits.
    init(statements: [AccessGraph.CompiledStatement], escalations: [AccessGraph.CompiledEscalation]) {
        struct Key: Hashable {
            let action: Int
            let position: UInt32
        }
        var actionIDs: [String: Int] = [:]
        var actions: [String] = []
        var keyIDs: [Key: UInt32] = [:]
        var positions = ContiguousArray<UInt32>()
        var keysByAction: [[(position: UInt32, key: UInt32)]] = []
        var escalationPairs: [(Int, UInt32)] = []
        var firstPairs: [(Int, UInt32)] = []
        var from = ContiguousArray<Int32>()
        var to = ContiguousArray<IdentityID>()
        from.reserveCapacity(escalations.count)
        to.reserveCapacity(escalations.count)
        for (k, e) in escalations.enumerated() {
            from.append(e.from.map { Int32(bitPattern: $0.rawValue) } ?? -1)
            to.append(e.to)
            for (j, r) in e.requires.enumerated() {
                let a: Int
                if let known = actionIDs[r.action] {
                    a = known
                } else {
                    a = actions.count
                    actionIDs[r.action] = a
                    actions.append(r.action)
                    keysByAction.append([])
                }
                let key = Key(action: a, position: r.resource.rawValue)
                let q: UInt32
                if let known = keyIDs[key] {
                    q = known
                } else {
                    q = UInt32(positions.count)
                    keyIDs[key] = q
                    positions.append(key.position)
                    keysByAction[a].append((key.position, q))
                }
                escalationPairs.append((k, q))
                if j == 0 { firstPairs.append((Int(q), UInt32(k))) }
            }
        }
        for a in keysByAction.indices { keysByAction[a].sort { $0.position < $1.position } }
        var statementPairs: [(Int, UInt32)] = []
        if !actions.isEmpty {
            var hits: [UInt32] = []
            for (s, st) in statements.enumerated() {
                hits.removeAll(keepingCapacity: true)
                for (a, action) in actions.enumerated() where st.matches(action: action) {
                    let keys = keysByAction[a]
                    for run in st.coverage.runs {
                        var lo = 0, hi = keys.count
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            if keys[mid].position < run.lowerBound { lo = mid + 1 } else { hi = mid }
                        }
                        while lo < keys.count, keys[lo].position < run.upperBound {
                            hits.append(keys[lo].key)
                            lo += 1
                        }
                    }
                }
                hits.sort()
                for q in hits { statementPairs.append((s, q)) }
            }
        }
        keyPosition = positions
        statementKeys = Adjacency(sourceCount: statements.count, pairs: statementPairs)
        var roles = [Bool](repeating: false, count: (statements.map { $0.role.index }.max() ?? -1) + 1)
        for (s, _) in statementPairs { roles[statements[s].role.index] = true }
        roleHasKeys = roles
        escalationKeys = Adjacency(sourceCount: escalations.count, pairs: escalationPairs)
        escalationsByFirstKey = Adjacency(sourceCount: positions.count, pairs: firstPairs)
        escalationFrom = from
        escalationTo = to
        escalationTerms = escalations.map(\.model.terms)
    }
}

/// The escalations a set of held roles and denies opens (see `EscalationMemo.open`), and those
/// of them restricted to a holder (`from`).
struct OpenEscalations: Sendable {
    let all: [(escalation: Int32, held: Int32, statement: UInt32)]
    let restricted: [(escalation: Int32, held: Int32, statement: UInt32)]
}

/// Per search: the requirement keys met by each distinct combination of held roles (with their
/// grant scopes) and denies. Sessions holding the same permissions — an account's
/// admin-equivalents, every holder of one managed policy set — share one walk of their
/// statements' keys instead of repeating it.
public struct EscalationMemo: Sendable {
    /// Per signature: the escalations every requirement of which a held statement allows and no
    /// deny matches, ascending, each with the entitlement of its first requirement as (index into
    /// the view's grants of roles with requirement keys, statement).
    var open: [[Int32]: OpenEscalations] = [:]
    /// Per search (cleared when one starts): each signature with its held grants' hops and the
    /// session's MFA, and the distance a session holding it was expanded at. A later session
    /// with the same one, settled no nearer, has the same unrestricted escalation moves with the
    /// same weights: none of them can improve a distance, so only escalations restricted to
    /// holders (`from`) are tested for it — an account's hundreds of admin-equivalent sessions
    /// cost one walk.
    var expanded: [[Int32]: UInt32] = [:]
    /// With `keepsViews`: each settled session's view, for later searches under the same options
    /// (an audit builds every session's view once instead of once per identity's search).
    var keepsViews = false
    var views: [SearchState: SessionView] = [:]
    var viewOptions: QueryOptions?
    public init() {}
}

extension AccessGraph {
    /// A requirement key a session's held statements allow: the first (held grant, statement)
    /// allowing it, and whether a deny of the session matches it.
    struct MetKey: Sendable {
        let key: UInt32
        /// Index into the `relevant` grants (those of roles with requirement keys, in view order).
        let held: Int32
        let statement: UInt32
        var denied = false
    }

    /// The escalations `view` may use, ascending, each with the entitlement of its first
    /// requirement: every requirement allowed by a held statement (within the grant's scope) and
    /// matched by none of the session's denies, the escalation open or restricted to one of the
    /// session's holders, and its terms usable in the session. The same escalations and
    /// entitlements as testing each with `entitlement(_:action:on:)`, without matching a string.
    /// `skip` drops escalations whose target session the caller no longer needs (a search's
    /// settled states); `memo` shares the key walk between sessions holding the same roles.
    /// - Complexity: O(h log h + d log h + x · q log h) for h (statement, key) hits of the held
    ///   grants, d of the denies, and x escalations whose first requirement is met, of q
    ///   requirements each; O(h + x) when the memo already holds the view's roles and denies.
    func usableEscalations(
        _ view: SessionView, memo: inout EscalationMemo, skip: ((SearchState) -> Bool)? = nil, distance: UInt32? = nil
    ) -> [(escalation: Int, entitlement: Entitlement)] {
        let index = escalationIndex
        guard !index.isEmpty else { return [] }
        // The signature names only the held grants whose roles match a requirement key (and
        // `held` indices count among those): sessions differing only in other grants share it.
        var relevant: [Int] = []
        var signature: [Int32] = []
        signature.reserveCapacity(3 * (view.grants.count + view.denies.count) + 1)
        func scope(_ g: GrantID) {
            let r = grants[g.index].scope
            signature.append(r.map { Int32(bitPattern: $0.lowerBound) } ?? -1)
            signature.append(r.map { Int32(bitPattern: $0.upperBound) } ?? -1)
        }
        for (h, held) in view.grants.enumerated() where index.hasKeys(grants[held.grant.index].role) {
            relevant.append(h)
            signature.append(Int32(bitPattern: grants[held.grant.index].role.rawValue))
            scope(held.grant)
        }
        signature.append(-2)
        for (s, g) in view.denies where index.hasKeys(grants[g.index].role) {
            signature.append(Int32(bitPattern: s.rawValue))
            scope(g)
        }
        let known: OpenEscalations
        if let found = memo.open[signature] {
            known = found
        } else {
            let all = openEscalations(metKeys(view, relevant: relevant))
            known = OpenEscalations(all: all, restricted: all.filter { index.escalationFrom[Int($0.escalation)] >= 0 })
            memo.open[signature] = known
        }
        var restrictedOnly = false
        if let distance, !known.all.isEmpty {
            var full = signature
            full.append(view.session.mfa ? -3 : -4)
            for h in relevant { full.append(Int32(bitPattern: view.grants[h].hops)) }
            if let seen = memo.expanded[full], seen <= distance { restrictedOnly = true } else { memo.expanded[full] = distance }
        }
        var out: [(escalation: Int, entitlement: Entitlement)] = []
        // A dominated session walks only the escalations restricted to holders, not the account's
        // thousands of open ones its twin already pushed.
        for x in restrictedOnly ? known.restricted : known.all {
            let k = Int(x.escalation)
            if let skip {
                let mfa = index.escalationTerms[k].mfa && view.session.mfa
                if skip(Session(identity: index.escalationTo[k], mfa: mfa).state) { continue }
            }
            let from = index.escalationFrom[k]
            if from >= 0, !view.holders.contains(HolderID(UInt32(bitPattern: from))) { continue }
            guard view.options.allows(index.escalationTerms[k], sessionMFA: view.session.mfa) else { continue }
            out.append((k, Entitlement(held: view.grants[relevant[Int(x.held)]], statement: StatementID(x.statement))))
        }
        return out
    }

    /// The index of key `q` in `met` (ascending by key), if there.
    private static func position(of q: UInt32, in met: [MetKey]) -> Int? {
        var lo = 0, hi = met.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if met[mid].key < q { lo = mid + 1 } else { hi = mid }
        }
        return lo < met.count && met[lo].key == q ? lo : nil
    }

    /// The escalations whose every requirement is among `met` and not denied, ascending, with
    /// their first requirement's (held grant, statement).
    private func openEscalations(_ met: [MetKey]) -> [(escalation: Int32, held: Int32, statement: UInt32)] {
        guard !met.isEmpty else { return [] }
        let index = escalationIndex
        func find(_ q: UInt32) -> Int? { Self.position(of: q, in: met) }
        let firstOffsets = index.escalationsByFirstKey.offsets, firsts = index.escalationsByFirstKey.targets
        let requireOffsets = index.escalationKeys.offsets, requires = index.escalationKeys.targets
        var out: [(escalation: Int32, held: Int32, statement: UInt32)] = []
        for m in met where !m.denied {
            for f in Int(firstOffsets[Int(m.key)])..<Int(firstOffsets[Int(m.key) + 1]) {
                let k = Int(firsts[f])
                var all = true
                for r in Int(requireOffsets[k]) + 1..<Int(requireOffsets[k + 1]) {
                    guard let other = find(requires[r]), !met[other].denied else {
                        all = false
                        break
                    }
                }
                if all { out.append((Int32(k), m.held, m.statement)) }
            }
        }
        out.sort { $0.escalation < $1.escalation }
        return out
    }

    /// The requirement keys the view's held statements allow, ascending, each with its first
    /// (index into `relevant`, statement) in walk order — the `relevant` held grants (those of
    /// roles with requirement keys) in view order, a role's allows in
    /// order: the entitlement `entitlement(_:action:on:)` chooses — and whether a deny matches it.
    private func metKeys(_ view: SessionView, relevant: [Int]) -> [MetKey] {
        let index = escalationIndex
        let keyOffsets = index.statementKeys.offsets, keys = index.statementKeys.targets
        var met: [MetKey] = []
        for (h, g) in relevant.enumerated() {
            let held = view.grants[g]
            let scope = grants[held.grant.index].scope
            let allows = roleAllows[grants[held.grant.index].role.index]
            for s in allows.startIndex..<allows.endIndex {
                for i in Int(keyOffsets[s])..<Int(keyOffsets[s + 1]) {
                    let q = keys[i]
                    if let scope, !scope.contains(index.keyPosition[Int(q)]) { continue }
                    met.append(MetKey(key: q, held: Int32(h), statement: UInt32(s)))
                }
            }
        }
        guard !met.isEmpty else { return [] }
        met.sort { ($0.key, $0.held, $0.statement) < ($1.key, $1.held, $1.statement) }
        var unique = 0
        for k in met.indices where k == 0 || met[k].key != met[unique - 1].key {
            met[unique] = met[k]
            unique += 1
        }
        met.removeSubrange(unique...)
        func find(_ q: UInt32) -> Int? { Self.position(of: q, in: met) }
        for (s, g) in view.denies {
            let scope = grants[g.index].scope
            for i in Int(keyOffsets[s.index])..<Int(keyOffsets[s.index + 1]) {
                let q = keys[i]
                if let scope, !scope.contains(index.keyPosition[Int(q)]) { continue }
                if let m = find(q) { met[m].denied = true }
            }
        }
        return met
    }
}
