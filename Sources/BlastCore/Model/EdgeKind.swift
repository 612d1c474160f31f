/// Why one step of an explanation path exists.
public enum EdgeKind: String, Sendable, CaseIterable, Codable {
    /// credential → its identity: acting with the credential is acting as the identity.
    case credential
    /// identity or group → a group that contains it.
    case member
    /// identity or group → a role it holds.
    case grant
    /// identity or group → an identity it may act as.
    case assume
    /// a resource holding a credential copy → that credential (reading the copy reveals it).
    case pivot
    /// an identity's resource → that identity (a takeover action on it yields the identity).
    case takeover
    /// role → a resource it allows actions on.
    case allow
    /// a resource → the identity an escalation technique yields (the step names the technique).
    case escalate
}

/// What kind of element a node of an answer or a diagram is.
public enum NodeKind: String, Sendable, CaseIterable, Codable {
    case credential, identity, group, role, resource

    /// "an identity", "a resource".
    public var withArticle: String { self == .identity ? "an identity" : "a \(rawValue)" }
}
