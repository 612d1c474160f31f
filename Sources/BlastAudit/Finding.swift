import BlastCore

/// One least-privilege problem: which rule found it, how bad it is, what it is about, the paths
/// that prove it, and what to do.
public struct Finding: Sendable, Hashable {
    /// The stable, dotted rule id (`lp.standing-admin`).
    public var rule: String
    public var severity: Severity
    /// One line naming the problem and its subject.
    public var title: String
    /// What the finding is about: an identity or credential id, or `grant:HOLDER:ROLE[@SCOPE]`,
    /// `assume:FROM:TO`, `suppression:RULE:SUBJECT`. Unique within a rule; suppressions match it.
    public var subject: String
    /// Every model id involved (holders, members, roles, credentials, resources), sorted.
    public var subjects: [String]
    /// What was found and why it matters, in a few sentences.
    public var message: String
    /// The paths that prove the finding.
    public var evidence: [Evidence]
    /// A concrete change that resolves it.
    public var fix: String
    /// Where the offending element was declared.
    public var location: SourceLocation?

    public init(
        rule: String, severity: Severity, title: String, subject: String, subjects: [String], message: String,
        evidence: [Evidence], fix: String, location: SourceLocation?
    ) {
        self.rule = rule
        self.severity = severity
        self.title = title
        self.subject = subject
        self.subjects = Array(Set(subjects)).sorted()
        self.message = message
        self.evidence = evidence
        self.fix = fix
        self.location = location
    }

    /// `rule:subject`: the identity of a finding across runs, used by baselines and SARIF.
    public var fingerprint: String { "\(rule):\(subject)" }

    /// Most severe first, then by rule id and subject.
    public static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.subject < b.subject
    }
}

/// One explanation path backing a finding, with what it shows.
public struct Evidence: Sendable, Hashable {
    /// `path to prod/db/customers`.
    public var label: String
    public var steps: [PathStep]

    public init(_ label: String, _ steps: [PathStep]) {
        self.label = label
        self.steps = steps
    }
}
