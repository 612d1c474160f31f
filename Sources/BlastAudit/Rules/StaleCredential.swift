import BlastCore

/// `lp.stale-credential`: a valid credential unused for longer than `staleDays` (or never used
/// and created longer ago than that), or created longer ago than `rotateDays`.
public struct StaleCredential: AuditRule {
    public init() {}
    public let id = "lp.stale-credential"
    public let severity = Severity.medium
    public let title = "Credential unused or overdue for rotation"
    public let rationale =
        "An unused credential is pure risk: it grants nothing anyone needs and nobody would notice its misuse. An old one has had years to leak."
    public let remedy = "Revoke credentials nobody uses; rotate old ones and give the new one an `expires`."

    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        let at = c.settings.at
        var out: [Finding] = []
        for credential in g.credentialIDs where g.credential(credential).isValid(at: at) {
            let cred = g.credential(credential)
            var reasons: [String] = []
            var unused = false
            if let used = cred.lastUsed, used.days(until: at) > Int64(c.settings.staleDays) {
                reasons.append("last used \(used.isoDate), \(used.days(until: at)) days ago (limit \(c.settings.staleDays))")
                unused = true
            } else if cred.lastUsed == nil, let created = cred.created, created.days(until: at) > Int64(c.settings.staleDays) {
                reasons.append("never used since it was created \(created.days(until: at)) days ago")
                unused = true
            }
            if let created = cred.created, created.days(until: at) > Int64(c.settings.rotateDays) {
                reasons.append("created \(created.isoDate), \(created.days(until: at)) days ago (rotate every \(c.settings.rotateDays))")
            }
            guard !reasons.isEmpty else { continue }
            let radius = c.radius(of: credential)
            var steps = [g.credentialStep(credential)]
            var label = "\(cred.id) acts as \(cred.of)"
            if let worst = radius.mostCritical(g) {
                steps = radius.path(worst.proof)
                label = "what \(cred.id) still reaches: \(g.resource(worst.resource).id)"
            }
            out.append(
                Finding(
                    rule: id, severity: unused ? .medium : .low,
                    title: "\(cred.id) is \(unused ? "unused" : "overdue for rotation")",
                    subject: cred.id, subjects: [cred.id, cred.of],
                    message:
                        "\(cred.id) (of \(cred.of)) is \(reasons.joined(separator: ", and ")); it still reaches \(FindingText.plural(radius.resources.count, "resource")).",
                    evidence: [Evidence(label, steps)],
                    fix: unused
                        ? "Revoke \(cred.id) and delete it from the model; issue a new one with `expires:` if it is needed again."
                        : "Rotate \(cred.id): issue a new credential with `expires:` at most \(c.settings.rotateDays) days out, then revoke this one.",
                    location: cred.origin))
        }
        return out
    }
}
