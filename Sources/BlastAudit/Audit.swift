import BlastCore

/// Runs the least-privilege rules and applies suppressions.
public enum Audit {
    /// Every rule, in documentation order.
    public static let rules: [any AuditRule] = [
        StandingAdmin(), SharedCredential(), EscalationPath(), OverBroadService(), AgentUnapprovedWrite(), NoExpiry(),
        ExpiredLeftover(), ReviewOverdue(), StaleCredential(), MFAMissing(), UnusedPermission(), SuppressionNoExpiry(),
    ]

    /// The rule with this id, if any.
    public static func rule(_ id: String) -> (any AuditRule)? { rules.first { $0.id == id } }

    /// Runs `rules` and splits the findings into reported and suppressed ones, each sorted by
    /// severity (most severe first), rule and subject.
    /// - Complexity: the rules' cost plus O(f · s) for f findings and s suppressions.
    public static func run(_ context: AuditContext, rules: [any AuditRule] = Audit.rules) -> AuditResult {
        var all: [Finding] = []
        for rule in rules {
            var seen: [String: Int] = [:]
            for var f in rule.findings(in: context) {
                seen[f.subject, default: 0] += 1
                if let n = seen[f.subject], n > 1 { f.subject += "#\(n)" }
                all.append(f)
            }
        }
        var reported: [Finding] = []
        var suppressed: [AuditResult.Suppressed] = []
        var used = Set<Suppression>()
        let active = context.suppressions.filter { $0.isActive(at: context.settings.at) }
        for f in all {
            if let s = active.first(where: { $0.matches(f) }) {
                suppressed.append(.init(finding: f, suppression: s))
                used.insert(s)
            } else {
                reported.append(f)
            }
        }
        reported.sort(by: Finding.precedes)
        suppressed.sort { Finding.precedes($0.finding, $1.finding) }
        return AuditResult(
            at: context.settings.at, findings: reported, suppressed: suppressed,
            expiredSuppressions: context.suppressions.filter { !$0.isActive(at: context.settings.at) },
            unusedSuppressions: active.filter { !used.contains($0) })
    }
}

/// What an audit found.
public struct AuditResult: Sendable {
    /// A finding an active suppression covers.
    public struct Suppressed: Sendable, Hashable {
        public let finding: Finding
        public let suppression: Suppression
    }

    public let at: Instant
    /// Reported findings, most severe first, then by rule and subject.
    public var findings: [Finding]
    public var suppressed: [Suppressed]
    /// Suppressions past their `expires`: they no longer apply.
    public let expiredSuppressions: [Suppression]
    /// Active suppressions that matched no finding.
    public let unusedSuppressions: [Suppression]

    /// Keeps only findings at or above `minimum`.
    public func filtered(minimum: Severity) -> AuditResult {
        var r = self
        r.findings = findings.filter { $0.severity >= minimum }
        r.suppressed = suppressed.filter { $0.finding.severity >= minimum }
        return r
    }

    /// Keeps only findings whose fingerprint is not in `baseline` (a saved run's fingerprints).
    public func new(comparedTo baseline: Set<String>) -> AuditResult {
        var r = self
        r.findings = findings.filter { !baseline.contains($0.fingerprint) }
        return r
    }

    /// Reported findings per severity, most severe first (zeros included).
    public var countsBySeverity: [(severity: Severity, count: Int)] {
        Severity.allCases.sorted(by: >).map { s in (s, findings.filter { $0.severity == s }.count) }
    }

    /// Whether a reported finding is at or above `level`.
    public func fails(at level: Severity) -> Bool { findings.contains { $0.severity >= level } }
}
