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
        for k in g.grants.indices {
            let grant = GrantID(k)
            let terms = g.grants[k].terms
            guard terms.expires == nil, !terms.approval else { continue }
            var admin: [String] = []
            var critical: [ResourceID] = []
            var evidenceStatement: (StatementID, ResourceID)?
            for s in g.allowStatements(of: grant) {
                let cov = g.coverage(grant: grant, statement: s)
                guard !cov.isEmpty else { continue }
                let a = g.statements[s.index].actions.map(\.text).filter { ActionClass.isAdmin($0, takeoverActions: g.model.takeoverActions) }
                let crit = g.resources(in: cov) { $0.criticality == .critical }
                guard !a.isEmpty || !crit.isEmpty else { continue }
                admin += a
                critical += crit
                if let r = g.mostCritical(in: cov),
                   evidenceStatement == nil || g.resources[r.index].criticality > g.resources[evidenceStatement!.1.index].criticality {
                    evidenceStatement = (s, r)
                }
            }
            guard let (s, r) = evidenceStatement else { continue }
            var why: [String] = []
            if !admin.isEmpty { why.append("admin-level actions \(Array(Set(admin)).sorted().joined(separator: ", "))") }
            if !critical.isEmpty { why.append("\(plural(critical.count, "critical resource")) (\(list(critical.map { g.resources[$0.index].id })))") }
            let suggested = c.settings.at.adding(days: 90).isoDate
            out.append(Finding(
                rule: id, severity: !admin.isEmpty && !critical.isEmpty ? .high : .medium,
                title: "\(g.describe(grant: grant)) never expires",
                subject: g.subject(of: grant),
                subjects: [g.holderName(g.grants[k].holder), g.roles[g.grants[k].role.index].id] + critical.map { g.resources[$0.index].id },
                message: "\(g.describe(grant: grant)) is elevated — \(why.joined(separator: " and ")) — and has no expiry.",
                evidence: [Evidence("\(g.describe(statement: s)) reaches \(g.resources[r.index].id)", g.grantPath(grant, statement: s, to: r))],
                fix: "Add `expires: \(suggested)` (or another end date) to the grant, and renew it only after a review; or make it approval-gated.",
                location: g.grants[k].model.origin))
        }
        return out
    }
}
