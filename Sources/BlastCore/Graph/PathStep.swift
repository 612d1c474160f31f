/// One edge of an explanation path, with why it exists.
public struct PathStep: Sendable, Hashable {
    public let from: String
    public let fromKind: NodeKind
    public let to: String
    public let toKind: NodeKind
    public let edge: EdgeKind
    /// Where the grant, assume, membership, statement or credential was declared.
    public let origin: SourceLocation?
    /// The terms of a grant or assume step (nil for other edges).
    public let terms: Terms?
    /// An escalate step's technique and every permission it used (`lambda-001: iam:PassRole on …`).
    public let technique: String?

    public init(
        from: String, fromKind: NodeKind, to: String, toKind: NodeKind, edge: EdgeKind,
        origin: SourceLocation? = nil, terms: Terms? = nil, technique: String? = nil
    ) {
        self.from = from
        self.fromKind = fromKind
        self.to = to
        self.toKind = toKind
        self.edge = edge
        self.origin = origin
        self.terms = terms
        self.technique = technique
    }
}

/// Where an answer's path ends, past the moves that reach a session or credential.
public enum PathTail: Sendable, Hashable {
    /// Nothing more: the path ends at the state itself.
    case none
    /// The identity's member chain to a group (index into the view's holders).
    case group(via: Int)
    /// The member chain, the grant edge, to the role.
    case role(HeldGrant)
    /// The member chain, the grant, and the allow edge to a resource.
    case resource(Entitlement, ResourceID)
}
