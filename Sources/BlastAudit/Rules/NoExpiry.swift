import BlastCore

/// `lp.no-expiry`: an elevated grant (admin-level actions, or critical resources) without
/// `expires`. Approval-gated grants are exempt: each use is already a time-bound approval.
public struct NoExpiry: AuditRule {
    public init() {}
    public let id = "lp.no-expiry"
    public let severity = Severity.high
    public let title = "Elevated grant without an expiry"
    public let rationale = "Elevation that never ends outlives the task it was given for; expiring grants force a decision to renew."
    public let remedy = "Add `expires:` to the grant (and renew it deliberately), or make it approval-gated."

    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        var out: [Finding] = []
        for grant in g.grantIDs {
            let terms = g.grant(grant).terms
            guard terms.expires == nil, !terms.approval else { continue }
            var admin: [String] = []
            var critical: [ResourceID] = []
            var evidenceStatement: (StatementID, ResourceID)?
            for s in g.allowStatements(of: grant) {
                let cov = g.coverage(of: s, under: grant)
                guard !cov.isEmpty else { continue }
                let a = g.statement(s).actions.map(\.text).filter { ActionClass.isAdmin($0, takeoverActions: g.model.takeoverActions) }
                let crit = g.resources(in: cov) { $0.criticality == .critical }
                guard !a.isEmpty || !crit.isEmpty else { continue }
                admin += a
                critical += crit
                if let r = g.mostCritical(in: cov),
                    evidenceStatement == nil || g.resource(r).criticality > g.resource(evidenceStatement!.1).criticality
                {
                    evidenceStatement = (s, r)
                }
            }
            guard let (s, r) = evidenceStatement else { continue }
            var why: [String] = []
            if !admin.isEmpty { why.append("admin-level actions \(Array(Set(admin)).sorted().joined(separator: ", "))") }
            if !critical.isEmpty {
                why.append(
                    "\(FindingText.plural(critical.count, "critical resource")) (\(FindingText.list(critical.map { g.resource($0).id })))")
            }
            let suggested = c.settings.at.adding(days: 90).isoDate
            out.append(
                Finding(
                    rule: id, severity: !admin.isEmpty && !critical.isEmpty ? .high : .medium,
                    title: "\(g.describe(grant: grant)) never expires",
                    subject: g.subject(of: grant),
                    subjects: [g.name(of: g.grant(grant).holder), g.role(g.grant(grant).role).id] + critical.map { g.resource($0).id },
                    message: "\(g.describe(grant: grant)) is elevated — \(why.joined(separator: " and ")) — and has no expiry.",
                    evidence: [
                        Evidence("\(g.describe(statement: s)) reaches \(g.resource(r).id)", g.grantPath(grant, statement: s, to: r))
                    ],
                    fix:
                        "Add `expires: \(suggested)` (or another end date) to the grant, and renew it only after a review; or make it approval-gated.",
                    location: g.grant(grant).model.origin))
        }
        return out
    }
}
