/// A session: an identity acting with or without MFA. The unit that moves and holds permissions.
public struct Session: Hashable, Comparable, Sendable {
    public let identity: IdentityID
    public let mfa: Bool

    public init(identity: IdentityID, mfa: Bool) {
        self.identity = identity
        self.mfa = mfa
    }

    /// The search state number of this session (sessions come before credentials).
    @inlinable public var state: SearchState { SearchState(identity.rawValue &* 2 &+ (mfa ? 1 : 0)) }

    public static func < (lhs: Session, rhs: Session) -> Bool { lhs.state < rhs.state }
}

/// A grant a session may use, how it holds it, and how many path edges reach its role.
public struct HeldGrant: Sendable, Hashable {
    public let grant: GrantID
    /// Index into the view's holders: the identity itself (0) or a group containing it.
    public let via: Int
    /// Path edges from the identity to the role: member edges plus the grant edge.
    public let hops: UInt32
}

/// Why a session may act on a resource: the held grant and the allow statement that says so.
public struct Entitlement: Sendable, Hashable {
    public let held: HeldGrant
    public let statement: StatementID
}

/// What one session may use at the query's instant: the groups it is in (with shortest member
/// chains), its usable grants and assumes, and its deny statements.
public struct SessionView: Sendable {
    public let session: Session
    /// The instant and flags the view was built under.
    public let options: QueryOptions
    /// The identity's holder first, then every group containing it, in BFS order.
    public let holders: [HolderID]
    public let holderHops: [UInt32]
    /// Index into `holders` of the member edge's source, -1 for the identity itself.
    public let holderParent: [Int]
    /// Usable grants sorted by (hops, grant).
    public let grants: [HeldGrant]
    /// Usable assumes with the holder index they come through, sorted by (hops, assume).
    public let assumes: [(assume: AssumeID, via: Int)]
    /// Deny statements of the usable grants, with the grant's scope.
    public let denies: [(statement: StatementID, grant: GrantID)]
}
