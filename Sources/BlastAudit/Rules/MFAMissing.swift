import BlastCore

/// `lp.mfa-missing`: an admin-level grant, or an assume of an identity holding one, usable by a
/// human without MFA.
public struct MFAMissing: AuditRule {
    public init() {}
    public let id = "lp.mfa-missing"
    public let severity = Severity.high
    public let title = "Human admin access without MFA"
    public let rationale =
        "A password or a long-lived key is enough to use an admin grant that does not require MFA; phishing one human is then enough."
    public let remedy =
        "Set `mfa: true` on the grant or assume; humans then need an MFA session (for example an SSO login with a hardware key)."

    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        let at = c.settings.at
        var out: [Finding] = []
        func adminStatement(_ grant: GrantID) -> (StatementID, ResourceID)? {
            for s in g.allowStatements(of: grant)
            where g.statement(s).actions.contains(where: { ActionClass.isAdmin($0.text, takeoverActions: g.model.takeoverActions) }) {
                if let r = g.mostCritical(in: g.coverage(of: s, under: grant)) { return (s, r) }
            }
            return nil
        }
        func humans(_ holder: HolderID) -> [String] {
            g.memberIdentities(of: holder).filter { g.identity($0).kind == .human }.map { g.identity($0).id }
        }
        var adminGrantOf: [IdentityID: GrantID] = [:]
        for grant in g.grantIDs where !g.isExpired(g.grant(grant).terms, at: at) && adminStatement(grant) != nil {
            for i in g.memberIdentities(of: g.grant(grant).holder) where adminGrantOf[i] == nil { adminGrantOf[i] = grant }
        }
        for grant in g.grantIDs where !g.grant(grant).terms.mfa && !g.isExpired(g.grant(grant).terms, at: at) {
            guard let (s, r) = adminStatement(grant) else { continue }
            let people = humans(g.grant(grant).holder)
            guard !people.isEmpty else { continue }
            out.append(
                Finding(
                    rule: id, severity: severity, title: "\(g.describe(grant: grant)) is admin-level and needs no MFA",
                    subject: g.subject(of: grant), subjects: [g.name(of: g.grant(grant).holder), g.role(g.grant(grant).role).id] + people,
                    message:
                        "\(g.describe(grant: grant)) allows admin-level actions (\(g.describe(statement: s))) and can be used without MFA by \(FindingText.plural(people.count, "human")): \(FindingText.list(people)).",
                    evidence: [Evidence("\(g.describe(statement: s)) without MFA", g.grantPath(grant, statement: s, to: r))],
                    fix: "Add `mfa: true` to the grant of \(g.role(g.grant(grant).role).id) to \(g.name(of: g.grant(grant).holder)).",
                    location: g.grant(grant).model.origin))
        }
        for assume in g.assumeIDs where !g.assume(assume).terms.mfa && !g.isExpired(g.assume(assume).terms, at: at) {
            let target = g.assume(assume).to
            guard let adminGrant = adminGrantOf[target] else { continue }
            let people = humans(g.assume(assume).from)
            guard !people.isEmpty else { continue }
            let from = g.name(of: g.assume(assume).from), to = g.identity(target).id
            var steps = g.assumePath(assume)
            if let (s, r) = adminStatement(adminGrant), g.grant(adminGrant).holder == g.holder(of: target) {
                steps += g.grantPath(adminGrant, statement: s, to: r)
            }
            out.append(
                Finding(
                    rule: id, severity: severity, title: "\(from) may assume admin \(to) without MFA",
                    subject: g.subject(of: assume), subjects: [from, to] + people,
                    message:
                        "\(FindingText.plural(people.count, "human")) (\(FindingText.list(people))) may assume \(to), which holds \(g.describe(grant: adminGrant)) (admin-level), without MFA.",
                    evidence: [Evidence("assume \(to) without MFA", steps)],
                    fix: "Add `mfa: true` (and preferably `approval: true`) to the assume from \(from) to \(to).",
                    location: g.assume(assume).model.origin))
        }
        return out
    }
}
