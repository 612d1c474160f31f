extension AccessGraph {
    /// The move from a valid credential to its identity's session.
    public func moves(fromCredential c: CredentialID) -> [Move] {
        let to = Session(identity: credentialOwner[c.index], mfa: credentials[c.index].mfa).state
        return [Move(target: .credential(c), from: state(of: c), to: to, weight: 1, entitlement: nil)]
    }

    /// Every move a session can make: assumes, pivots to valid credentials, takeovers, escalations.
    /// - Complexity: O(s · (log c + k)) for pivots and takeovers, plus O(h log h) for the h
    ///   (statement, escalation requirement) hits of the held grants (`usableEscalations`).
    /// With `shared` false, reveals and takeovers are per-session moves (what the chokepoint
    /// network needs); by default they go through the grants' shared states.
    public func moves(from view: SessionView, shared: Bool = true) -> [Move] {
        var memo = EscalationMemo()
        return moves(from: view, shared: shared, memo: &memo)
    }

    /// Every move a session can make, sharing the escalation-key walk with earlier sessions of
    /// the same roles through `memo`. `skip` drops escalation moves into target sessions the
    /// caller no longer needs (a search's states settled at or below the current distance).
    public func moves(
        from view: SessionView, shared: Bool = true, memo: inout EscalationMemo, skip: ((SearchState) -> Bool)? = nil,
        distance: UInt32? = nil
    ) -> [Move] {
        let from = view.session.state
        var out: [Move] = []
        for (k, a) in view.assumes.enumerated() {
            let to = Session(identity: assumes[a.assume.index].to, mfa: view.session.mfa).state
            out.append(Move(target: .assume(viewIndex: k), from: from, to: to, weight: view.holderHops[a.via] + 1, entitlement: nil))
        }
        // Reveals and takeovers: through the grants' shared states, unless a deny of this session
        // could remove one (then per session, exactly).
        let personal =
            !shared || view.denies.contains { statements[$0.statement.index].revealMask | statements[$0.statement.index].takeoverMask != 0 }
        if personal {
            for (copy, e) in revealableCopies(view) {
                let c = copies[copy].credential
                guard credentials[c.index].isValid(at: view.options.at) else { continue }
                out.append(Move(target: .pivot(CopyID(copy)), from: from, to: state(of: c), weight: e.held.hops + 2, entitlement: e))
            }
            for (target, e) in takeoverableTargets(view) {
                let to = Session(identity: takeoverTargets[target].identity, mfa: false).state
                out.append(Move(target: .takeover(TakeoverTargetID(target)), from: from, to: to, weight: e.held.hops + 2, entitlement: e))
            }
        } else {
            for held in view.grants where roleHasPowers[grants[held.grant.index].role.index] {
                out.append(
                    Move(
                        target: .grant(held.grant), from: from, to: state(of: held.grant), weight: held.hops,
                        entitlement: Entitlement(held: held, statement: roleAllows[grants[held.grant.index].role.index].lowerBound)))
            }
        }
        for (k, e) in usableEscalations(view, memo: &memo, skip: skip, distance: distance) {
            let mfa = escalationIndex.escalationTerms[k].mfa && view.session.mfa
            let to = Session(identity: escalationIndex.escalationTo[k], mfa: mfa).state
            out.append(Move(target: .escalate(EscalationID(k)), from: from, to: to, weight: e.held.hops + 2, entitlement: e))
        }
        return out
    }

    /// The reveals and takeovers a grant allows (valid credentials only), each through the first
    /// allow statement that allows it. Used for sessions with no deny on reveal or takeover actions.
    /// - Complexity: O(s · (log c + k)) for the grant's s statements and k items covered.
    public func moves(fromGrant g: GrantID, at: Instant) -> [Move] {
        let from = state(of: g)
        let held = HeldGrant(grant: g, via: -1, hops: 0)
        var out: [Move] = []
        var seenCopy: Set<Int> = [], seenTarget: Set<Int> = []
        for s in roleAllows[grants[g.index].role.index] {
            let st = statements[s.index]
            guard st.revealMask | st.takeoverMask != 0 else { continue }
            for run in coverage(of: s, under: g).runs {
                if st.revealMask != 0 {
                    var k = lowerBound(copyPositions, run.lowerBound)
                    while k < copies.count, copyPositions[k] < run.upperBound {
                        let c = copies[k].credential
                        if credentials[c.index].isValid(at: at), seenCopy.insert(k).inserted {
                            out.append(
                                Move(
                                    target: .pivot(CopyID(k)), from: from, to: state(of: c), weight: 2,
                                    entitlement: Entitlement(held: held, statement: s)))
                        }
                        k += 1
                    }
                }
                if st.takeoverMask != 0 {
                    var k = lowerBound(takeoverPositions, run.lowerBound)
                    while k < takeoverTargets.count, takeoverPositions[k] < run.upperBound {
                        if seenTarget.insert(k).inserted {
                            out.append(
                                Move(
                                    target: .takeover(TakeoverTargetID(k)), from: from,
                                    to: Session(identity: takeoverTargets[k].identity, mfa: false).state,
                                    weight: 2, entitlement: Entitlement(held: held, statement: s)))
                        }
                        k += 1
                    }
                }
            }
        }
        return out
    }
}
