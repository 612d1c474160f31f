/// One step between search states: a credential used, an assume, a credential revealed by a
/// pivot, or an identity taken over.
public struct Move: Sendable {
    public enum Kind: UInt8, Sendable {
        /// credential state → the session of its identity.
        case credential
        /// session → the assumed identity's session (same MFA bit).
        case assume
        /// session → a credential whose copy it can read.
        case pivot
        /// session → the taken-over identity's session without MFA.
        case takeover
        /// session → the shared state of a grant it holds that can reveal copies or take over
        /// identities (the grant's pivots and takeovers are then computed once, not per session).
        case grant
        /// session → the identity an escalation technique yields, without MFA.
        case escalate
    }

    /// What a move goes through, by kind.
    public enum Target: Sendable, Hashable {
        /// The credential used.
        case credential(CredentialID)
        /// Index into the from-view's `assumes`.
        case assume(viewIndex: Int)
        /// The credential copy revealed.
        case pivot(CopyID)
        /// The identity resource taken over.
        case takeover(TakeoverTargetID)
        /// The grant whose shared state the move enters.
        case grant(GrantID)
        /// The escalation technique used.
        case escalate(EscalationID)
    }

    public let target: Target
    public let from: SearchState
    public let to: SearchState
    /// Path edges the move adds.
    public let weight: UInt32
    /// Pivot, takeover, escalate: what allowed the (first) action.
    public let entitlement: Entitlement?

    public var kind: Kind {
        switch target {
        case .credential: .credential
        case .assume: .assume
        case .pivot: .pivot
        case .takeover: .takeover
        case .grant: .grant
        case .escalate: .escalate
        }
    }
}

public enum CopyTag {}
public enum TakeoverTargetTag {}
public enum EscalationTag {}
/// Index into the graph's credential copies (sorted by resource position).
public typealias CopyID = ElementID<CopyTag>
/// Index into the graph's takeover targets (identity resources, sorted by resource position).
public typealias TakeoverTargetID = ElementID<TakeoverTargetTag>
/// Index into the graph's escalations (model order).
public typealias EscalationID = ElementID<EscalationTag>
