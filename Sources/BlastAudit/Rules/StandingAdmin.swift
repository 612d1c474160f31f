import BlastCore

/// `lp.standing-admin`: standing (not approval-gated, not expiring) `*` on a critical resource or
/// a production subtree.
public struct StandingAdmin: AuditRule {
    public init() {}
    public let id = "lp.standing-admin"
    public let severity = Severity.critical
    public let title = "Standing access to every action on critical or production resources"
    public let rationale =
        "A grant of `*` that needs no approval and never expires makes its holders permanent administrators: one phished member, or one leaked key, owns production."
    public let remedy =
        "Make the grant just-in-time (`approval: true`) with an `expires`, or narrow the role from `*` to the actions the holders use."

    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        var out: [Finding] = []
        for grant in g.grantIDs {
            let terms = g.grant(grant).terms
            guard !terms.approval, terms.expires == nil, terms.isActive(at: c.settings.at) else { continue }
            var targets: [(statement: StatementID, resources: [ResourceID])] = []
            for s in g.allowStatements(of: grant) where g.statement(s).actions.contains(where: { ActionClass.isEverything($0.text) }) {
                let hit = g.resources(in: g.coverage(of: s, under: grant)) { r in
                    r.criticality == .critical || c.settings.productionRoots.contains { r.id == $0 || r.id.hasPrefix($0 + "/") }
                }
                if !hit.isEmpty { targets.append((s, hit)) }
            }
            guard let first = targets.first else { continue }
            let all = targets.flatMap(\.resources)
            let critical = all.filter { g.resource($0).criticality == .critical }
            let holders = g.memberIdentities(of: g.grant(grant).holder).map { g.identity($0).id }
            let role = g.role(g.grant(grant).role).id
            let evidence = targets.map { t in
                let top = t.resources[0]
                let worst = g.mostCritical(in: IntervalSet(runs: t.resources.map { $0.rawValue..<$0.rawValue + 1 })) ?? top
                return Evidence(
                    "\(g.describe(statement: t.statement)) reaches \(g.resource(worst).id)",
                    g.grantPath(grant, statement: t.statement, to: worst))
            }
            out.append(
                Finding(
                    rule: id, severity: severity,
                    title: "\(g.describe(grant: grant)) gives standing `*` on \(g.resource(first.resources[0]).id)",
                    subject: g.subject(of: grant),
                    subjects: [g.name(of: g.grant(grant).holder), role] + holders + all.map { g.resource($0).id },
                    message:
                        "\(g.describe(grant: grant)) allows every action on \(FindingText.plural(all.count, "resource")) (\(critical.count) critical), with no approval and no expiry. Standing admins: \(holders.isEmpty ? "none yet" : FindingText.list(holders)).",
                    evidence: evidence,
                    fix:
                        "Replace the standing grant with a just-in-time one: add `approval: true` and `expires:` to the grant of \(role) to \(g.name(of: g.grant(grant).holder)), or narrow \(role) from `*` to the actions needed.",
                    location: g.grant(grant).model.origin))
        }
        return out
    }
}
