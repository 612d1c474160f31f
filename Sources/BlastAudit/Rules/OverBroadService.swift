import BlastCore

/// `lp.over-broad-service`: a service, workload or agent whose allows use wildcard actions or
/// resources, or whose radius covers more than a configurable share of the critical resources.
public struct OverBroadService: AuditRule {
    public init() {}
    public let id = "lp.over-broad-service"
    public let severity = Severity.high
    public let title = "Machine identity with wildcard permissions or a wide radius"
    public let rationale =
        "Machine credentials live in pipelines, pods and agent runtimes where they leak easily; a wildcard turns each leak into broad access."
    public let remedy =
        "List the actions and resources the machine uses (see lp.unused-permission with --usage) and replace the wildcards with them."

    /// Every non-human identity: the allow statements of every grant it holds (directly or
    /// through groups, at any terms not expired), and its standing radius.
    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        let criticalTotal = g.resourceIDs.filter { g.resource($0).criticality == .critical }.count
        var out: [Finding] = []
        for i in g.identityIDs {
            let identity = g.identity(i)
            switch identity.kind {
            case .human: continue
            case .service, .workload, .agent: break
            }
            let view = g.view(
                of: Session(identity: i, mfa: true),
                options: QueryOptions(at: c.settings.at, mfa: true, withApprovals: true))
            var reasons: [String] = []
            var evidence: [Evidence] = []
            var subjects = [identity.id]
            var location: SourceLocation?
            for held in view.grants {
                let grant = held.grant
                for s in g.allowStatements(of: grant) {
                    let st = g.statement(s)
                    let wildActions = st.actions.map(\.text).filter(ActionClass.isWildcard)
                    let wildResources = st.resourcePatterns.filter(ActionClass.isWildcard)
                    guard !wildActions.isEmpty || !wildResources.isEmpty else { continue }
                    var what: [String] = []
                    if !wildActions.isEmpty { what.append("wildcard actions \(wildActions.joined(separator: ", "))") }
                    if !wildResources.isEmpty { what.append("wildcard resources \(wildResources.joined(separator: ", "))") }
                    reasons.append("\(g.role(st.role).id) allows \(g.describe(statement: s)) (\(what.joined(separator: " and ")))")
                    subjects.append(g.role(st.role).id)
                    location = location ?? st.origin
                    if let r = g.mostCritical(in: g.coverage(of: s, under: grant)) {
                        evidence.append(Evidence("\(g.describe(statement: s))", g.grantPath(grant, statement: s, to: r)))
                    }
                }
            }
            let radius = c.radius(of: i)
            let critical = radius.resources.filter { g.resource($0.resource).criticality == .critical }
            let share = criticalTotal == 0 ? 0 : Double(critical.count) / Double(criticalTotal)
            let tooWide = share > c.settings.criticalShare
            if tooWide {
                let percent = Int((share * 100).rounded())
                reasons.append(
                    "its radius covers \(critical.count) of \(criticalTotal) critical resources (\(percent)%, limit \(Int((c.settings.criticalShare * 100).rounded()))%)"
                )
                if let first = critical.first {
                    evidence.append(Evidence("radius reaches \(g.resource(first.resource).id)", radius.path(first.proof)))
                }
            }
            guard !reasons.isEmpty else { continue }
            out.append(
                Finding(
                    rule: id, severity: tooWide ? .high : .medium,
                    title: "\(identity.kind.rawValue) \(identity.id) is over-broad",
                    subject: identity.id, subjects: subjects + critical.map { g.resource($0.resource).id },
                    message:
                        "\(identity.kind.rawValue.prefix(1).uppercased() + identity.kind.rawValue.dropFirst()) identity \(identity.id): \(reasons.joined(separator: "; ")).",
                    evidence: evidence,
                    fix:
                        "Give \(identity.id) a role listing the exact actions and resources it uses (run the audit with --usage to get a trimmed role), and remove the wildcards.",
                    location: location ?? identity.origin))
        }
        return out
    }
}
