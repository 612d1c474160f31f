/// The instant and assumptions a query runs under.
public struct QueryOptions: Sendable, Equatable {
    /// Grants, assumes and credentials are judged at this instant.
    public var at: Instant
    /// Whether a session started from an identity has MFA (a credential brings its own `mfa`).
    public var mfa: Bool
    /// Follow approval-gated grants and assumes as ordinary edges.
    public var withApprovals: Bool

    public init(at: Instant, mfa: Bool = false, withApprovals: Bool = false) {
        self.at = at
        self.mfa = mfa
        self.withApprovals = withApprovals
    }

    /// Whether an edge with these terms may be used in a session with or without MFA.
    @inlinable public func allows(_ terms: Terms, sessionMFA: Bool) -> Bool {
        if terms.mfa && !sessionMFA { return false }
        if terms.approval && !withApprovals { return false }
        return terms.isActive(at: at)
    }
}
