import BlastCore

/// An accepted exception: findings of `rule` whose subject matches `subject` are not reported
/// (they are listed as suppressed) until `expires`.
public struct Suppression: Sendable, Hashable {
    /// A rule id; `*` and `?` wildcards allowed.
    public var rule: String
    /// A finding subject (`erin-api-key`, `grant:sre:prod-admin`); `*` and `?` wildcards allowed.
    public var subject: String
    /// Why the exception is accepted, and by whom.
    public var justification: String
    /// After this instant the suppression no longer applies; nil never expires (itself a finding).
    public var expires: Instant?
    public var origin: SourceLocation?

    public init(rule: String, subject: String, justification: String, expires: Instant?, origin: SourceLocation? = nil) {
        self.rule = rule
        self.subject = subject
        self.justification = justification
        self.expires = expires
        self.origin = origin
    }

    /// `suppression:RULE:SUBJECT`, the subject of findings about this suppression.
    public var key: String { "suppression:\(rule):\(subject)" }

    /// Applies while `at < expires`.
    public func isActive(at: Instant) -> Bool {
        guard let expires else { return true }
        return at < expires
    }

    /// Whether this suppression covers the finding (findings about suppressions are never covered).
    public func matches(_ finding: Finding) -> Bool {
        guard finding.rule != SuppressionNoExpiry.ruleID else { return false }
        return Pattern(rule).matches(finding.rule) && Pattern(subject).matches(finding.subject)
    }
}
