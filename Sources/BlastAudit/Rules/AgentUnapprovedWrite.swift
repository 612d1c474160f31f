import BlastCore

/// `lp.agent-unapproved-write`: an AI agent whose standing radius allows writing, deleting,
/// closing or administering (any action pattern `ActionClass.isMutating` accepts) without an
/// approval gate. Reading is fine.
public struct AgentUnapprovedWrite: AuditRule {
    public init() {}
    public let id = "lp.agent-unapproved-write"
    public let severity = Severity.critical
    public let title = "AI agent can change things without an approval gate"
    public let rationale =
        "An agent acts on untrusted input (tickets, chat, web pages); a prompt injection turns any standing write, delete, close or admin permission into an attacker's."
    public let remedy =
        "Keep the agent's standing access read-only and move every mutating action to an approval-gated grant (`approval: true`)."

    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        var out: [Finding] = []
        for i in g.identityIDs where g.identity(i).kind == .agent {
            let agent = g.identity(i)
            let radius = c.radius(of: i)
            var hits: [(Radius.ReachedResource, [String])] = []
            for x in radius.resources {
                let mutating = x.actions.filter(ActionClass.isMutating)
                if !mutating.isEmpty { hits.append((x, mutating)) }
            }
            guard !hits.isEmpty else { continue }
            var worst = hits[0]
            for h in hits where g.resource(h.0.resource).criticality > g.resource(worst.0.resource).criticality { worst = h }
            let crit = g.resource(worst.0.resource).criticality
            let actions = Set(hits.flatMap(\.1)).sorted()
            let names = hits.map { g.resource($0.0.resource).id }
            out.append(
                Finding(
                    rule: id, severity: crit >= .high ? .critical : .high,
                    title: "agent \(agent.id) can \(actions.joined(separator: ", ")) without approval",
                    subject: agent.id, subjects: [agent.id] + names,
                    message:
                        "Agent \(agent.id) may \(actions.joined(separator: ", ")) on \(FindingText.plural(names.count, "resource")) with standing access (no approval): \(FindingText.list(names)). The most critical is \(g.resource(worst.0.resource).id) (\(crit.rawValue)).",
                    evidence: [
                        Evidence("\(worst.1.joined(separator: ", ")) on \(g.resource(worst.0.resource).id)", radius.path(worst.0.proof))
                    ],
                    fix:
                        "Split \(agent.id)'s access: keep read actions standing, and grant \(actions.joined(separator: ", ")) only through an approval-gated grant (`approval: true`).",
                    location: grantOrigin(radius.path(worst.0.proof)) ?? agent.origin))
        }
        return out
    }

    /// The grant that gives the mutating access: the last grant step of the path.
    private func grantOrigin(_ steps: [PathStep]) -> SourceLocation? {
        steps.last { $0.edge == .grant }?.origin
    }
}
