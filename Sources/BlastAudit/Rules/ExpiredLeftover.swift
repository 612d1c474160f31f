import BlastCore

/// `lp.expired-leftover`: grants, assumes and credentials that have expired but are still in the
/// model.
public struct ExpiredLeftover: AuditRule {
    public init() {}
    public let id = "lp.expired-leftover"
    public let severity = Severity.low
    public let title = "Expired grant, assume or credential left in the model"
    public let rationale = "Expired entries do nothing today, but they hide the real inventory, and extending an `expires` date silently restores the access."
    public let remedy = "Delete the expired entry (and, for a credential, revoke it at the provider)."

    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        let at = c.settings.at
        var out: [Finding] = []
        for k in g.grants.indices where g.isExpired(g.grants[k].terms, at: at) {
            let grant = GrantID(k)
            let expires = g.grants[k].terms.expires!.isoDate
            out.append(Finding(
                rule: id, severity: severity, title: "\(g.describe(grant: grant)) expired on \(expires)",
                subject: g.subject(of: grant), subjects: [g.holderName(g.grants[k].holder), g.roles[g.grants[k].role.index].id],
                message: "\(g.describe(grant: grant)) expired on \(expires) and is still declared.",
                evidence: [Evidence("the expired grant", g.grantPath(grant))],
                fix: "Delete the grant of \(g.roles[g.grants[k].role.index].id) to \(g.holderName(g.grants[k].holder)).",
                location: g.grants[k].model.origin))
        }
        for k in g.assumes.indices where g.isExpired(g.assumes[k].terms, at: at) {
            let a = AssumeID(k)
            let from = g.holderName(g.assumes[k].from), to = g.identities[g.assumes[k].to.index].id
            let expires = g.assumes[k].terms.expires!.isoDate
            out.append(Finding(
                rule: id, severity: severity, title: "\(from) may assume \(to): expired on \(expires)",
                subject: g.subject(of: a), subjects: [from, to],
                message: "The assume from \(from) to \(to) expired on \(expires) and is still declared.",
                evidence: [Evidence("the expired assume", g.assumePath(a))],
                fix: "Delete the assume from \(from) to \(to).", location: g.assumes[k].model.origin))
        }
        for k in g.credentials.indices where !g.credentials[k].isValid(at: at) {
            let cred = g.credentials[k]
            let expires = cred.expires!.isoDate
            out.append(Finding(
                rule: id, severity: severity, title: "credential \(cred.id) expired on \(expires)",
                subject: cred.id, subjects: [cred.id, cred.of],
                message: "\(cred.id) (of \(cred.of)) expired on \(expires) and is still in the inventory.",
                evidence: [Evidence("the expired credential", [g.credentialStep(CredentialID(k))])],
                fix: "Revoke \(cred.id) at its provider and delete it from the model.", location: cred.origin))
        }
        return out
    }
}
