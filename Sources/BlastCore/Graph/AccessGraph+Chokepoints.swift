/// The kinds of edge a chokepoint analysis may cut, each a change a team can make.
public enum CutKind: String, Sendable, CaseIterable, Hashable {
    /// Remove a member from a group.
    case member
    /// Revoke a grant (this is also how a takeover or escalation permission is removed).
    case grant
    /// Remove an assume.
    case assume
    /// Delete a credential's copy from a wiki page, chat channel or ticket.
    case copy
}

/// The smallest set of cuttable edges that disconnects every start from every target.
public struct Chokepoints: Sendable {
    /// One edge of the cut, as a model change.
    public struct Cut: Sendable, Hashable {
        public let kind: CutKind
        public let change: ModelChange
        public let cost: UInt64
    }

    /// The minimum cut (sorted by change spelling), empty when no start reaches any target.
    public let cuts: [Cut]
    /// The cut's total cost: the maximum flow.
    public let cost: UInt64
    /// Whether every start→target route crosses a cuttable edge (false would mean some start
    /// reaches a target through edges that cannot be cut here).
    public let isFinite: Bool
}

extension AccessGraph {
    /// The minimum cut, in cuttable edges weighted by `costs`, between `starts` and `targets`.
    ///
    /// The flow network is the explanation graph of what the starts reach: sessions, the groups
    /// and grants each holds (per MFA mode), resources reached for access, reveals, takeovers and
    /// escalations, and revealed credentials. Memberships, grants, assumes and credential copies
    /// carry their cost; everything else is uncuttable. The cut is exact for this network; two
    /// approximations make it an upper bound on the true optimum in rare cases: an edge that
    /// appears in both MFA modes is paid once per mode, and an escalation needing several
    /// permissions is cut through its first requirement only.
    /// - Complexity: one multi-start search, O(S · (g · k)) to build the network for S reached
    ///   sessions, g usable grants and k relevant resources, then Dinic's algorithm.
    public func chokepoints(
        from starts: [Start], to targets: [ResourceID], options: QueryOptions,
        costs: [CutKind: UInt64] = [:]
    ) -> Chokepoints {
        let search = Exploration(graph: self, starts: starts, options: options)
        func cost(_ k: CutKind) -> UInt64 { costs[k] ?? 1 }
        var flow = MaxFlow(nodes: 2)
        let source = 0, sink = 1
        var nodes: [String: Int] = [:]
        func node(_ key: String) -> Int {
            if let n = nodes[key] { return n }
            let n = flow.addNode()
            nodes[key] = n
            return n
        }
        func stateNode(_ s: SearchState) -> Int { node("s\(s.rawValue)") }
        func holderNode(_ h: HolderID, _ mfa: Bool) -> Int {
            h.index < identityCount ? stateNode(Session(identity: IdentityID(h.rawValue), mfa: mfa).state) : node("h\(h.rawValue)/\(mfa)")
        }
        var cutEdges: [Int: Chokepoints.Cut] = [:]
        var addedMember: Set<String> = [], addedGrant: Set<String> = [], addedAssume: Set<String> = [], addedCopy: Set<Int> = []
        let targetSet = Set(targets)

        for start in starts where search.isReached(state(of: start)) {
            flow.addEdge(source, stateNode(state(of: start)), MaxFlow.infinite)
        }
        for c in search.credentials {
            for m in moves(fromCredential: c) { flow.addEdge(stateNode(m.from), stateNode(m.to), MaxFlow.infinite) }
        }
        for v in search.sessions {
            let mfa = v.session.mfa
            // Memberships along the view's group closure (every containing edge, not only the BFS tree).
            for h in v.holders {
                for g in memberOf[h.index] {
                    let key = "\(h.rawValue)>\(g.rawValue)/\(mfa)"
                    guard addedMember.insert(key).inserted else { continue }
                    let e = flow.addEdge(holderNode(h, mfa), holderNode(g, mfa), cost(.member))
                    cutEdges[e] = .init(
                        kind: .member, change: .removeMember(group: name(of: element(of: g)), member: name(of: element(of: h))),
                        cost: cost(.member))
                }
            }
            for held in v.grants {
                let g = grants[held.grant.index]
                let grantNode = node("g\(held.grant.rawValue)/\(mfa)")
                if addedGrant.insert("\(held.grant.rawValue)/\(mfa)").inserted {
                    let e = flow.addEdge(holderNode(g.holder, mfa), grantNode, cost(.grant))
                    cutEdges[e] = .init(
                        kind: .grant, change: .revokeGrant(to: name(of: element(of: g.holder)), role: roles[g.role.index].id),
                        cost: cost(.grant))
                }
            }
            for (a, via) in v.assumes {
                let key = "\(a.rawValue)/\(mfa)"
                guard addedAssume.insert(key).inserted else { continue }
                let assume = assumes[a.index]
                let e = flow.addEdge(
                    holderNode(v.holders[via], mfa), stateNode(Session(identity: assume.to, mfa: mfa).state), cost(.assume))
                cutEdges[e] = .init(
                    kind: .assume, change: .removeAssume(from: name(of: element(of: assume.from)), to: identities[assume.to.index].id),
                    cost: cost(.assume))
            }
            // Access to targets: every usable grant that leaves a remaining allow on the target.
            for t in targetSet.sorted() {
                for held in v.grants where grantLeavesAccess(v, held, t) {
                    flow.addEdge(node("g\(held.grant.rawValue)/\(mfa)"), node("t\(t.rawValue)"), MaxFlow.infinite)
                }
            }
            // Reveals, takeovers, escalations: through every grant that allows them, not only the shortest.
            for m in moves(from: v, shared: false) {
                switch m.target {
                case .pivot(let id):
                    let copy = copies[id.index]
                    let reveal = node("v\(copy.resource.rawValue)")
                    for held in v.grants where grantAllows(v, held, copy.resource, mask: \.revealMask) {
                        flow.addEdge(node("g\(held.grant.rawValue)/\(mfa)"), reveal, MaxFlow.infinite)
                    }
                    if addedCopy.insert(id.index).inserted {
                        let e = flow.addEdge(reveal, stateNode(m.to), cost(.copy))
                        let c = credentials[copy.credential.index]
                        cutEdges[e] = .init(
                            kind: .copy, change: .purge(credential: c.id, resource: resources[copy.resource.index].id), cost: cost(.copy))
                    }
                case .takeover(let id):
                    let target = takeoverTargets[id.index]
                    let k = node("k\(target.resource.rawValue)")
                    for held in v.grants where grantAllows(v, held, target.resource, mask: \.takeoverMask) {
                        flow.addEdge(node("g\(held.grant.rawValue)/\(mfa)"), k, MaxFlow.infinite)
                    }
                    flow.addEdge(k, stateNode(m.to), MaxFlow.infinite)
                case .escalate(let id):
                    let esc = escalations[id.index]
                    let e = node("e\(id.rawValue)")
                    let first = esc.requires[0]
                    for held in v.grants where grantAllows(v, held, first.resource, action: first.action) {
                        flow.addEdge(node("g\(held.grant.rawValue)/\(mfa)"), e, MaxFlow.infinite)
                    }
                    flow.addEdge(e, stateNode(m.to), MaxFlow.infinite)
                case .assume, .credential, .grant:
                    break
                }
            }
        }
        for t in targetSet.sorted() where nodes["t\(t.rawValue)"] != nil {
            flow.addEdge(node("t\(t.rawValue)"), sink, MaxFlow.infinite)
        }
        let total = flow.run(source, sink)
        guard total < MaxFlow.infinite else { return Chokepoints(cuts: [], cost: total, isFinite: false) }
        let side = flow.sourceSide(source)
        var cuts: Set<Chokepoints.Cut> = []
        for (e, cut) in cutEdges {
            let (u, w) = flow.endpoints(e)
            if side[u] && !side[w] { cuts.insert(cut) }
        }
        return Chokepoints(cuts: cuts.sorted { $0.change.description < $1.change.description }, cost: total, isFinite: true)
    }

    /// Whether the held grant leaves some allow pattern on `resource` that the session's denies
    /// do not match as a whole string.
    func grantLeavesAccess(_ v: SessionView, _ held: HeldGrant, _ resource: ResourceID) -> Bool {
        let p = resource.rawValue
        let deny = denies(v, at: p)
        for s in roleAllows[grants[held.grant.index].role.index] where covers(s, held.grant, p) {
            if statements[s.index].actions.contains(where: { a in !deny.contains { $0.removes(allow: a) } }) { return true }
        }
        return false
    }

    /// Whether the held grant allows a concrete action selected by `mask` on `resource`, not
    /// denied for the session.
    func grantAllows(_ v: SessionView, _ held: HeldGrant, _ resource: ResourceID, mask: (CompiledStatement) -> UInt64) -> Bool {
        let p = resource.rawValue
        let denied = denies(v, at: p).reduce(UInt64(0)) { $0 | mask($1) }
        for s in roleAllows[grants[held.grant.index].role.index] where covers(s, held.grant, p) {
            if mask(statements[s.index]) & ~denied != 0 { return true }
        }
        return false
    }

    /// Whether the held grant allows the concrete `action` on `resource`, not denied for the session.
    func grantAllows(_ v: SessionView, _ held: HeldGrant, _ resource: ResourceID, action: String) -> Bool {
        let p = resource.rawValue
        if denies(v, at: p).contains(where: { $0.matches(action: action) }) { return false }
        return roleAllows[grants[held.grant.index].role.index].contains { s in
            covers(s, held.grant, p) && statements[s.index].matches(action: action)
        }
    }
}
