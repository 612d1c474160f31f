import BlastCore

/// `lp.expired-leftover`: grants, assumes and credentials that have expired but are still in the
/// model.
public struct ExpiredLeftover: AuditRule {
    public init() {}
    public let id = "lp.expired-leftover"
    public let severity = Severity.low
    public let title = "Expired grant, assume or credential left in the model"
    public let rationale =
        "Expired entries do nothing today, but they hide the real inventory, and extending an `expires` date silently restores the access."
    public let remedy = "Delete the expired entry (and, for a credential, revoke it at the provider)."

    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        let at = c.settings.at
        var out: [Finding] = []
        for grant in g.grantIDs where g.isExpired(g.grant(grant).terms, at: at) {
            let expires = g.grant(grant).terms.expires!.isoDate
            out.append(
                Finding(
                    rule: id, severity: severity, title: "\(g.describe(grant: grant)) expired on \(expires)",
                    subject: g.subject(of: grant), subjects: [g.name(of: g.grant(grant).holder), g.role(g.grant(grant).role).id],
                    message: "\(g.describe(grant: grant)) expired on \(expires) and is still declared.",
                    evidence: [Evidence("the expired grant", g.grantPath(grant))],
                    fix: "Delete the grant of \(g.role(g.grant(grant).role).id) to \(g.name(of: g.grant(grant).holder)).",
                    location: g.grant(grant).model.origin))
        }
        for assume in g.assumeIDs where g.isExpired(g.assume(assume).terms, at: at) {
            let from = g.name(of: g.assume(assume).from), to = g.identity(g.assume(assume).to).id
            let expires = g.assume(assume).terms.expires!.isoDate
            out.append(
                Finding(
                    rule: id, severity: severity, title: "\(from) may assume \(to): expired on \(expires)",
                    subject: g.subject(of: assume), subjects: [from, to],
                    message: "The assume from \(from) to \(to) expired on \(expires) and is still declared.",
                    evidence: [Evidence("the expired assume", g.assumePath(assume))],
                    fix: "Delete the assume from \(from) to \(to).", location: g.assume(assume).model.origin))
        }
        for credential in g.credentialIDs where !g.credential(credential).isValid(at: at) {
            let cred = g.credential(credential)
            let expires = cred.expires!.isoDate
            out.append(
                Finding(
                    rule: id, severity: severity, title: "credential \(cred.id) expired on \(expires)",
                    subject: cred.id, subjects: [cred.id, cred.of],
                    message: "\(cred.id) (of \(cred.of)) expired on \(expires) and is still in the inventory.",
                    evidence: [Evidence("the expired credential", [g.credentialStep(credential)])],
                    fix: "Revoke \(cred.id) at its provider and delete it from the model.", location: cred.origin))
        }
        return out
    }
}
