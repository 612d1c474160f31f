/// The shortest way a start reaches something, if any, with the search that proves it.
public struct Reach: Sendable {
    public let hops: Int
    public let proof: Proof
    public let search: Exploration

    public var path: [PathStep] { Radius.path(proof, in: search) }
}

/// The answer to "may this start do this action on this resource?".
public struct CanAnswer: Sendable {
    /// The standing (or, with `withApprovals`, approved) way in; nil when not allowed.
    public let reach: Reach?
    /// When not allowed as things stand, the way in once approvals are given, if there is one.
    public let onceApproved: Reach?

    public var allowed: Bool { reach != nil }
}

/// What one session may do on one resource.
public struct PointAccess: Sendable {
    public let actions: [String]
    public let denied: [String]
    /// The shortest entitlement contributing a remaining allow pattern.
    public let entitlement: Entitlement
}

extension AccessGraph {
    /// The remaining allow patterns of a session on one resource, or nil when none remain.
    /// - Complexity: O(s log r) over the session's statements.
    public func access(_ view: SessionView, at resource: ResourceID) -> PointAccess? {
        let p = resource.rawValue
        let deny = denies(view, at: p)
        var remaining: Set<String> = []
        var best: Entitlement?
        for h in view.grants {
            for s in roleAllows[grants[h.grant.index].role.index] where covers(s, h.grant, p) {
                var contributes = false
                let st = statements[s.index]
                for (a, text) in zip(st.actions, st.actionTexts) where !deny.contains(where: { $0.removes(allow: a) }) {
                    remaining.insert(text)
                    contributes = true
                }
                if contributes && best == nil { best = Entitlement(held: h, statement: s) }
            }
        }
        guard let best else { return nil }
        return PointAccess(
            actions: remaining.sorted(), denied: Set(deny.flatMap(\.actionTexts)).sorted(),
            entitlement: best)
    }

    /// Whether `start` may do the concrete `action` on `resource`: some reachable session has an
    /// allow matching it and no deny of the same session matches it.
    /// - Complexity: one or two searches plus O(S · s log r).
    public func can(from start: Start, action: String, on resource: ResourceID, options: QueryOptions) -> CanAnswer {
        func attempt(_ options: QueryOptions) -> Reach? {
            let search = Exploration(graph: self, start: start, options: options)
            var best: Reach?
            for v in search.sessions {
                guard let e = entitlement(v, action: action, on: resource) else { continue }
                let hops = Int(search.distance(to: v.session.state) + e.held.hops + 1)
                if best == nil || hops < best!.hops {
                    best = Reach(hops: hops, proof: Proof(state: v.session.state, tail: .resource(e, resource)), search: search)
                }
            }
            return best
        }
        if let reach = attempt(options) { return CanAnswer(reach: reach, onceApproved: nil) }
        guard !options.withApprovals else { return CanAnswer(reach: nil, onceApproved: nil) }
        var approved = options
        approved.withApprovals = true
        return CanAnswer(reach: nil, onceApproved: attempt(approved))
    }

    /// The shortest explanation path from `start` to any element: an identity, a credential, a
    /// group the start gets into, a role it gets to use, or a resource it may act on.
    /// - Complexity: one search plus O(S · v).
    public func path(from start: Start, to target: Element, options: QueryOptions) -> Reach? {
        let search = Exploration(graph: self, start: start, options: options)
        var best: Reach?
        func offer(_ hops: UInt32, _ proof: Proof) {
            if best == nil || Int(hops) < best!.hops { best = Reach(hops: Int(hops), proof: proof, search: search) }
        }
        switch target {
        case .credential(let c):
            let s = state(of: c)
            if search.isReached(s) { offer(search.distance(to: s), Proof(state: s, tail: .none)) }
        case .identity, .group, .role, .resource:
            for v in search.sessions {
                let base = search.distance(to: v.session.state)
                let s = v.session.state
                switch target {
                case .identity(let i) where v.session.identity == i:
                    offer(base, Proof(state: s, tail: .none))
                case .group(let g):
                    let h = HolderID(identityCount + g.index)
                    if let k = v.holders.firstIndex(of: h) { offer(base + v.holderHops[k], Proof(state: s, tail: .group(via: k))) }
                case .role(let r):
                    if let held = v.grants.first(where: { grants[$0.grant.index].role == r }) {
                        offer(base + held.hops, Proof(state: s, tail: .role(held)))
                    }
                case .resource(let r):
                    if let a = access(v, at: r) {
                        offer(base + a.entitlement.held.hops + 1, Proof(state: s, tail: .resource(a.entitlement, r)))
                    }
                default:
                    break
                }
            }
        }
        return best
    }
}
