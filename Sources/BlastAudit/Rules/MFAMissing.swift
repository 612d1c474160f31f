import BlastCore

/// `lp.mfa-missing`: an admin-level grant, or an assume of an identity holding one, usable by a
/// human without MFA.
public struct MFAMissing: AuditRule {
    public init() {}
    public let id = "lp.mfa-missing"
    public let severity = Severity.high
    public let title = "Human admin access without MFA"
    public let rationale = "A password or a long-lived key is enough to use an admin grant that does not require MFA; phishing one human is then enough."
    public let remedy = "Set `mfa: true` on the grant or assume; humans then need an MFA session (for example an SSO login with a hardware key)."

    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        let at = c.settings.at
        var out: [Finding] = []
        func adminStatement(_ grant: GrantID) -> (StatementID, ResourceID)? {
            for s in g.allowStatements(of: grant)
            where g.statements[s.index].actions.contains(where: { ActionClass.isAdmin($0.text, takeoverActions: g.model.takeoverActions) }) {
                if let r = g.mostCritical(in: g.coverage(grant: grant, statement: s)) { return (s, r) }
            }
            return nil
        }
        func humans(_ holder: HolderID) -> [String] {
            g.memberIdentities(of: holder).filter { g.identities[$0.index].kind == .human }.map { g.identities[$0.index].id }
        }
        var adminGrantOf: [IdentityID: GrantID] = [:]
        for k in g.grants.indices where !g.isExpired(g.grants[k].terms, at: at) && adminStatement(GrantID(k)) != nil {
            for i in g.memberIdentities(of: g.grants[k].holder) where adminGrantOf[i] == nil { adminGrantOf[i] = GrantID(k) }
        }
        for k in g.grants.indices where !g.grants[k].terms.mfa && !g.isExpired(g.grants[k].terms, at: at) {
            let grant = GrantID(k)
            guard let (s, r) = adminStatement(grant) else { continue }
            let people = humans(g.grants[k].holder)
            guard !people.isEmpty else { continue }
            out.append(Finding(
                rule: id, severity: severity, title: "\(g.describe(grant: grant)) is admin-level and needs no MFA",
                subject: g.subject(of: grant), subjects: [g.holderName(g.grants[k].holder), g.roles[g.grants[k].role.index].id] + people,
                message: "\(g.describe(grant: grant)) allows admin-level actions (\(g.describe(statement: s))) and can be used without MFA by \(plural(people.count, "human")): \(list(people)).",
                evidence: [Evidence("\(g.describe(statement: s)) without MFA", g.grantPath(grant, statement: s, to: r))],
                fix: "Add `mfa: true` to the grant of \(g.roles[g.grants[k].role.index].id) to \(g.holderName(g.grants[k].holder)).",
                location: g.grants[k].model.origin))
        }
        for k in g.assumes.indices where !g.assumes[k].terms.mfa && !g.isExpired(g.assumes[k].terms, at: at) {
            let target = g.assumes[k].to
            guard let adminGrant = adminGrantOf[target] else { continue }
            let people = humans(g.assumes[k].from)
            guard !people.isEmpty else { continue }
            let a = AssumeID(k)
            let from = g.holderName(g.assumes[k].from), to = g.identities[target.index].id
            var steps = g.assumePath(a)
            if let (s, r) = adminStatement(adminGrant), g.grants[adminGrant.index].holder == g.holder(of: target) {
                steps += g.grantPath(adminGrant, statement: s, to: r)
            }
            out.append(Finding(
                rule: id, severity: severity, title: "\(from) may assume admin \(to) without MFA",
                subject: g.subject(of: a), subjects: [from, to] + people,
                message: "\(plural(people.count, "human")) (\(list(people))) may assume \(to), which holds \(g.describe(grant: adminGrant)) (admin-level), without MFA.",
                evidence: [Evidence("assume \(to) without MFA", steps)],
                fix: "Add `mfa: true` (and preferably `approval: true`) to the assume from \(from) to \(to).",
                location: g.assumes[k].model.origin))
        }
        return out
    }
}
