extension AccessGraph {
    /// Expands moves (from a search's parent or next pointers) and a tail into explanation steps.
    /// `view(state)` must return the view each move's source session was expanded with.
    /// - Complexity: O(path length).
    public func steps(moves: [Move], endingAt end: SearchState, tail: PathTail, view: (SearchState) -> SessionView?) -> [PathStep] {
        var out: [PathStep] = []
        for m in moves {
            switch m.target {
            case .credential(let credential):
                let c = credentials[credential.index]
                out.append(PathStep(from: c.id, fromKind: .credential, to: c.of, toKind: .identity, edge: .credential, origin: c.origin))
            case .assume(let viewIndex):
                guard let v = view(m.from) else { preconditionFailure("no view for state \(m.from) of a move") }
                let a = v.assumes[viewIndex]
                appendChain(&out, v, to: a.via)
                let assume = assumes[a.assume.index]
                out.append(
                    PathStep(
                        from: name(of: element(of: v.holders[a.via])), fromKind: kind(of: element(of: v.holders[a.via])),
                        to: identities[assume.to.index].id, toKind: .identity, edge: .assume,
                        origin: assume.model.origin, terms: assume.terms))
            case .grant:
                guard let v = view(m.from), let e = m.entitlement else { preconditionFailure("grant move without view or entitlement") }
                appendGrant(&out, v, e.held)
            case .pivot(let id):
                let copy = copies[id.index]
                appendMoveAllow(&out, m, copy.resource, view)
                let c = credentials[copy.credential.index]
                out.append(
                    PathStep(
                        from: resources[copy.resource.index].id, fromKind: .resource, to: c.id, toKind: .credential,
                        edge: .pivot, origin: c.origin))
            case .takeover(let id):
                let t = takeoverTargets[id.index]
                appendMoveAllow(&out, m, t.resource, view)
                let i = identities[t.identity.index]
                out.append(
                    PathStep(
                        from: resources[t.resource.index].id, fromKind: .resource, to: i.id, toKind: .identity,
                        edge: .takeover, origin: i.origin))
            case .escalate(let id):
                guard let v = view(m.from), let e = m.entitlement else { preconditionFailure("escalate move without view or entitlement") }
                let esc = escalations[id.index]
                let first = esc.requires[0].resource
                appendAllow(&out, v, e, first)
                let used = esc.requires.map { "\($0.action) on \(resources[$0.resource.index].id)" }.joined(separator: " + ")
                out.append(
                    PathStep(
                        from: resources[first.index].id, fromKind: .resource, to: identities[esc.to.index].id,
                        toKind: .identity, edge: .escalate, origin: esc.model.origin,
                        terms: esc.model.terms == .standing ? nil : esc.model.terms, technique: "\(esc.model.technique): \(used)"))
            }
        }
        switch tail {
        case .none:
            break
        case .group(let via):
            guard let v = view(end) else { preconditionFailure("no view for the path's last session") }
            appendChain(&out, v, to: via)
        case .role(let held):
            guard let v = view(end) else { preconditionFailure("no view for the path's last session") }
            appendGrant(&out, v, held)
        case .resource(let e, let r):
            guard let v = view(end) else { preconditionFailure("no view for the path's last session") }
            appendAllow(&out, v, e, r)
        }
        return out
    }

    private func appendChain(_ out: inout [PathStep], _ v: SessionView, to index: Int) {
        var chain: [Int] = []
        var k = index
        while k > 0 {
            chain.append(k)
            k = v.holderParent[k]
        }
        for k in chain.reversed() {
            let child = element(of: v.holders[v.holderParent[k]])
            let group = element(of: v.holders[k])
            let g = groups[(v.holders[k].index - identityCount)]
            out.append(
                PathStep(
                    from: name(of: child), fromKind: kind(of: child), to: name(of: group), toKind: .group,
                    edge: .member, origin: g.origin))
        }
    }

    private func appendGrant(_ out: inout [PathStep], _ v: SessionView, _ held: HeldGrant) {
        appendChain(&out, v, to: held.via)
        let holderElement = element(of: v.holders[held.via])
        let g = grants[held.grant.index]
        out.append(
            PathStep(
                from: name(of: holderElement), fromKind: kind(of: holderElement), to: roles[g.role.index].id,
                toKind: .role, edge: .grant, origin: g.model.origin, terms: g.terms))
    }

    private func appendAllow(_ out: inout [PathStep], _ v: SessionView, _ e: Entitlement, _ r: ResourceID) {
        appendGrant(&out, v, e.held)
        appendAllowStep(&out, e.statement, r)
    }

    /// The allow step of a pivot or takeover: from a grant state just the allow; from a session
    /// its member chain, grant and allow.
    private func appendMoveAllow(_ out: inout [PathStep], _ m: Move, _ r: ResourceID, _ view: (SearchState) -> SessionView?) {
        guard let e = m.entitlement else { preconditionFailure("\(m.kind) move without entitlement") }
        if grant(ofState: m.from) != nil {
            appendAllowStep(&out, e.statement, r)
        } else {
            guard let v = view(m.from) else { preconditionFailure("\(m.kind) move without view") }
            appendAllow(&out, v, e, r)
        }
    }

    private func appendAllowStep(_ out: inout [PathStep], _ statement: StatementID, _ r: ResourceID) {
        let s = statements[statement.index]
        out.append(
            PathStep(
                from: roles[s.role.index].id, fromKind: .role, to: resources[r.index].id, toKind: .resource,
                edge: .allow, origin: s.origin))
    }
}
