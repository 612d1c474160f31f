import BlastAudit
import BlastCore

/// The JSON shape of an audit (`--format json`), also the baseline format. Keys are stable.
enum AuditJSON {
    struct Evidence: Encodable {
        let label: String
        let path: [JSONStep]
    }

    struct Finding: Encodable {
        let fingerprint: String
        let rule: String
        let severity: String
        let title: String
        let subject: String
        let subjects: [String]
        let message: String
        let fix: String
        let location: String?
        let evidence: [Evidence]

        init(_ f: BlastAudit.Finding) {
            fingerprint = f.fingerprint
            rule = f.rule
            severity = f.severity.rawValue
            title = f.title
            subject = f.subject
            subjects = f.subjects
            message = f.message
            fix = f.fix
            location = f.location?.description
            evidence = f.evidence.map { Evidence(label: $0.label, path: JSONStep.path($0.steps)) }
        }
    }

    struct Suppressed: Encodable {
        let finding: Finding
        let justification: String
        let expires: String?
        let suppression: String?
    }

    struct Thresholds: Encodable {
        let reviewDays: Int
        let staleDays: Int
        let rotateDays: Int
        let usageDays: Int
        let criticalShare: Double

        enum CodingKeys: String, CodingKey {
            case reviewDays = "review_days", staleDays = "stale_days", rotateDays = "rotate_days", usageDays = "usage_days"
            case criticalShare = "critical_share"
        }
    }

    struct Report: Encodable {
        let at: String
        let thresholds: Thresholds
        let summary: [String: Int]
        let findings: [Finding]
        let suppressed: [Suppressed]
    }

    static func report(_ r: AuditResult, settings s: AuditSettings) -> Report {
        Report(
            at: r.at.iso8601,
            thresholds: Thresholds(
                reviewDays: s.reviewDays, staleDays: s.staleDays, rotateDays: s.rotateDays, usageDays: s.usageDays,
                criticalShare: s.criticalShare),
            summary: Dictionary(uniqueKeysWithValues: r.countsBySeverity.map { ($0.severity.rawValue, $0.count) }),
            findings: r.findings.map(Finding.init),
            suppressed: r.suppressed.map {
                Suppressed(
                    finding: Finding($0.finding), justification: $0.suppression.justification,
                    expires: $0.suppression.expires?.isoDate, suppression: $0.suppression.origin?.description)
            })
    }
}
