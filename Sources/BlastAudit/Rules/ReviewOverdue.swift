import BlastCore

/// `lp.review-overdue`: a grant (not expired) on critical resources never reviewed, or last
/// reviewed longer ago than `reviewDays`.
public struct ReviewOverdue: AuditRule {
    public init() {}
    public let id = "lp.review-overdue"
    public let severity = Severity.medium
    public let title = "Grant on critical resources overdue for access review"
    public let rationale =
        "Access reviews are how people who changed teams or left lose access; a grant on critical resources nobody has looked at recently is one nobody vouches for."
    public let remedy = "Review the grant's holders and role, then record the date in `reviewed:`."

    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        var out: [Finding] = []
        for grant in g.grantIDs where !g.isExpired(g.grant(grant).terms, at: c.settings.at) {
            var critical: [ResourceID] = []
            var evidence: (StatementID, ResourceID)?
            for s in g.allowStatements(of: grant) {
                let crit = g.resources(in: g.coverage(of: s, under: grant)) { $0.criticality == .critical }
                critical += crit
                if evidence == nil, let r = crit.first { evidence = (s, r) }
            }
            guard let (s, r) = evidence else { continue }
            let reviewed = g.grant(grant).model.reviewed
            let age = reviewed.map { $0.days(until: c.settings.at) }
            if let age, age <= Int64(c.settings.reviewDays) { continue }
            let state =
                reviewed.map { "was last reviewed on \($0.isoDate), \(age!) days ago (limit \(c.settings.reviewDays))" }
                ?? "has never been reviewed"
            let names = Array(Set(critical)).sorted().map { g.resource($0).id }
            out.append(
                Finding(
                    rule: id, severity: severity,
                    title: "\(g.describe(grant: grant)) \(reviewed == nil ? "never reviewed" : "not reviewed since \(reviewed!.isoDate)")",
                    subject: g.subject(of: grant), subjects: [g.name(of: g.grant(grant).holder), g.role(g.grant(grant).role).id] + names,
                    message:
                        "\(g.describe(grant: grant)) reaches \(FindingText.plural(names.count, "critical resource")) (\(FindingText.list(names))) and \(state).",
                    evidence: [
                        Evidence("\(g.describe(statement: s)) reaches \(g.resource(r).id)", g.grantPath(grant, statement: s, to: r))
                    ],
                    fix:
                        "Review who holds \(g.role(g.grant(grant).role).id) through \(g.name(of: g.grant(grant).holder)) and whether they still need it; then set `reviewed: \(c.settings.at.isoDate)` on the grant.",
                    location: g.grant(grant).model.origin))
        }
        return out
    }
}
