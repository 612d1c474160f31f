import BlastCore

/// `lp.escalation-path`: an identity or credential whose radius grows through pivots, takeovers
/// or escalation techniques beyond what its own grants give.
public struct EscalationPath: AuditRule {
    public init() {}
    public let id = "lp.escalation-path"
    public let severity = Severity.critical
    public let title = "Radius grows through pivots, takeovers or escalation techniques"
    public let rationale =
        "Access gained by reading someone else's credential or taking over another identity is access nobody granted on purpose, and no review of the start's own grants shows it."
    public let remedy =
        "Cut the first unintended step of each path: remove the credential copy, the takeover permission or the escalation requirement."

    /// Every identity (a session without MFA) and every valid MFA credential (its session differs
    /// from the identity's): the reached resources whose shortest path uses a pivot, takeover or
    /// escalate edge, grouped by the first such edge (one evidence path per gateway).
    /// - Complexity: one radius per MFA credential (identity radii are shared) plus the paths.
    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        var out: [Finding] = []
        for i in g.identityIDs {
            let identity = g.identity(i)
            if let f = finding(
                c, radius: c.radius(of: i), subject: identity.id, owner: identity.id,
                location: identity.origin)
            {
                out.append(f)
            }
        }
        for credential in g.credentialIDs where g.credential(credential).mfa && g.credential(credential).isValid(at: c.settings.at) {
            let cred = g.credential(credential)
            if let f = finding(c, radius: c.radius(of: credential), subject: cred.id, owner: cred.of, location: cred.origin) {
                out.append(f)
            }
        }
        return out
    }

    private func finding(_ c: AuditContext, radius: Radius, subject: String, owner: String, location: SourceLocation?) -> Finding? {
        let g = c.graph
        struct Gateway: Hashable { let from: String; let to: String; let edge: EdgeKind }
        var byGateway: [Gateway: [Radius.ReachedResource]] = [:]
        var order: [Gateway] = []
        // The first pivot, takeover or escalate move on the way to each search state, memoised:
        // many resources share a state, and paths are built only for the evidence.
        var gatewayOf: [SearchState: Gateway?] = [:]
        func gateway(_ state: SearchState) -> Gateway? {
            if let known = gatewayOf[state] { return known }
            var found: Gateway?
            for m in radius.search.moves(to: state) {
                switch m.target {
                case .pivot(let id):
                    let copy = g.copy(id)
                    found = Gateway(from: g.resource(copy.resource).id, to: g.credential(copy.credential).id, edge: .pivot)
                case .takeover(let id):
                    let t = g.takeoverTarget(id)
                    found = Gateway(from: g.resource(t.resource).id, to: g.identity(t.identity).id, edge: .takeover)
                case .escalate(let id):
                    let e = g.escalation(id)
                    found = Gateway(from: g.resource(e.requires[0].resource).id, to: g.identity(e.to).id, edge: .escalate)
                case .credential, .assume, .grant:
                    continue
                }
                break
            }
            gatewayOf[state] = found
            return found
        }
        for x in radius.resources {
            guard let key = gateway(x.proof.state) else { continue }
            if byGateway[key] == nil { order.append(key) }
            byGateway[key, default: []].append(x)
        }
        guard !order.isEmpty else { return nil }
        var place: SourceLocation?
        order.sort { ($0.from, $0.to, $0.edge.rawValue) < ($1.from, $1.to, $1.edge.rawValue) }
        var evidence: [Evidence] = []
        var gained: [ResourceID] = []
        var summaries: [String] = []
        for key in order {
            let items = byGateway[key]!
            gained += items.map(\.resource)
            var best = items[0]
            for item in items where g.resource(item.resource).criticality > g.resource(best.resource).criticality { best = item }
            let steps = radius.path(best.proof)
            evidence.append(Evidence("\(key.edge.rawValue) \(key.from) → \(key.to) reaches \(g.resource(best.resource).id)", steps))
            if place == nil { place = gatewayOrigin(steps) }
            summaries.append("\(key.edge.rawValue) \(key.from) → \(key.to) (+\(items.count))")
        }
        let worst = gained.map { g.resource($0).criticality }.max() ?? .low
        let critical = gained.filter { g.resource($0).criticality == .critical }.count
        let names = gained.sorted().map { g.resource($0).id }
        return Finding(
            rule: id, severity: worst.severity,
            title:
                "\(subject) reaches \(FindingText.plural(gained.count, "more resource", "more resources")) through \(FindingText.plural(order.count, "pivot or takeover", "pivots or takeovers"))",
            subject: subject, subjects: [subject, owner] + order.flatMap { [$0.from, $0.to] },
            message:
                "Beyond its own grants, \(subject) reaches \(FindingText.plural(gained.count, "resource")) (\(critical) critical) only by \(summaries.joined(separator: "; ")): \(FindingText.list(names)).",
            evidence: evidence,
            fix: "Cut the first unintended step of each path: \(order.map { fixText($0.edge, $0.from, $0.to) }.joined(separator: "; ")).",
            location: place ?? location)
    }

    /// Where the first unintended step is declared: the credential holding a pivoted copy, or
    /// the statement allowing a takeover or an escalation's first requirement.
    private func gatewayOrigin(_ steps: [PathStep]) -> SourceLocation? {
        guard let k = steps.firstIndex(where: { $0.edge == .pivot || $0.edge == .takeover || $0.edge == .escalate }) else { return nil }
        if steps[k].edge == .pivot { return steps[k].origin }
        return k > 0 ? steps[k - 1].origin : steps[k].origin
    }

    private func fixText(_ edge: EdgeKind, _ from: String, _ to: String) -> String {
        switch edge {
        case .pivot: "remove the copy of \(to) from \(from) and rotate it"
        case .takeover: "stop allowing takeover actions on \(from) (the resource standing for \(to))"
        case .escalate: "remove one requirement of the technique on \(from) that yields \(to)"
        case .credential, .member, .grant, .assume, .allow: "review the \(edge.rawValue) edge \(from) → \(to)"
        }
    }
}
