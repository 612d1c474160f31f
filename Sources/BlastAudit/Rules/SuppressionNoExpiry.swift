import BlastCore

/// `lp.suppression-no-expiry`: a suppression without `expires` (an exception that never ends).
public struct SuppressionNoExpiry: AuditRule {
    public static let ruleID = "lp.suppression-no-expiry"
    public init() {}
    public let id = SuppressionNoExpiry.ruleID
    public let severity = Severity.medium
    public let title = "Suppression that never expires"
    public let rationale = "An exception without an end date is a permanent blind spot: the finding it hides is never looked at again."
    public let remedy = "Give the suppression an `expires:` date, and re-justify it when it lapses."

    public func findings(in c: AuditContext) -> [Finding] {
        c.suppressions.filter { $0.expires == nil }.map { s in
            Finding(
                rule: id, severity: severity, title: "suppression of \(s.rule) for \(s.subject) never expires",
                subject: s.key, subjects: [],
                message:
                    "The suppression of \(s.rule) for \(s.subject) (\"\(s.justification)\") has no `expires`, so the findings it hides are never reviewed again.",
                evidence: [],
                fix: "Add `expires: \(c.settings.at.adding(days: 90).isoDate)` (or another date) to the suppression.",
                location: s.origin)
        }
    }
}
