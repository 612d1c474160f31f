import BlastCore

/// Evidence the rules share: subjects, descriptions and evidence paths built from declared edges.
extension AccessGraph {
    /// `grant:HOLDER:ROLE`, with `@SCOPE` for a scoped grant.
    func subject(of grant: GrantID) -> String {
        let g = self.grant(grant)
        return "grant:\(name(of: g.holder)):\(role(g.role).id)" + (g.model.scope.map { "@\($0)" } ?? "")
    }

    /// `sre's prod-admin grant`, `bob's prod-debug grant on prod/eu`.
    func describe(grant: GrantID) -> String {
        let g = self.grant(grant)
        return "\(name(of: g.holder))'s \(role(g.role).id) grant" + (g.model.scope.map { " on \($0)" } ?? "")
    }

    /// `holder -grant-> role [-allow-> resource]`: the declared edges behind a grant.
    func grantPath(_ grant: GrantID, statement: StatementID? = nil, to resource: ResourceID? = nil) -> [PathStep] {
        let g = self.grant(grant)
        let holder = element(of: g.holder)
        var steps = [
            PathStep(
                from: name(of: holder), fromKind: kind(of: holder), to: role(g.role).id, toKind: .role,
                edge: .grant, origin: g.model.origin, terms: g.terms)
        ]
        if let statement, let resource {
            steps.append(
                PathStep(
                    from: role(g.role).id, fromKind: .role, to: self.resource(resource).id,
                    toKind: .resource, edge: .allow, origin: self.statement(statement).origin))
        }
        return steps
    }

    /// `from -assume-> to`.
    func assumePath(_ assume: AssumeID) -> [PathStep] {
        let a = self.assume(assume)
        let from = element(of: a.from)
        return [
            PathStep(
                from: name(of: from), fromKind: kind(of: from), to: identity(a.to).id, toKind: .identity,
                edge: .assume, origin: a.model.origin, terms: a.terms)
        ]
    }

    /// `credential -credential-> identity`.
    func credentialStep(_ credential: CredentialID) -> PathStep {
        let c = self.credential(credential)
        return PathStep(from: c.id, fromKind: .credential, to: c.of, toKind: .identity, edge: .credential, origin: c.origin)
    }

    /// `assume:FROM:TO`.
    func subject(of assume: AssumeID) -> String {
        let a = self.assume(assume)
        return "assume:\(name(of: a.from)):\(identity(a.to).id)"
    }

    /// A statement as text for messages: `read, write on prod/db`.
    func describe(statement: StatementID) -> String {
        let s = self.statement(statement)
        return "\(s.actions.map(\.text).joined(separator: ", ")) on \(s.resourcePatterns.joined(separator: ", "))"
    }

    /// Whether terms have expired at `at` (`expires <= at`); terms without `expires` never do.
    func isExpired(_ terms: Terms, at: Instant) -> Bool {
        guard let e = terms.expires else { return false }
        return !(at < e)
    }
}

extension Radius {
    /// The most critical resource reached (first in hierarchy order among equals).
    func mostCritical(_ graph: AccessGraph) -> ReachedResource? {
        var best: ReachedResource?
        for x in resources
        where best == nil
            || graph.resource(x.resource).criticality > graph.resource(best!.resource).criticality
        {
            best = x
        }
        return best
    }
}

extension Criticality {
    /// The severity a finding about reaching this criticality gets.
    var severity: Severity {
        switch self {
        case .critical: .critical
        case .high: .high
        case .medium: .medium
        case .low: .low
        }
    }
}

/// Counting and listing words in finding titles and messages.
enum FindingText {
    /// `1 identity`, `3 identities`.
    static func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        n == 1 ? "1 \(one)" : "\(n) \(many ?? one + "s")"
    }

    /// `a, b, c and 4 more`.
    static func list(_ items: [String], limit: Int = 8) -> String {
        if items.count <= limit { return items.joined(separator: ", ") }
        return items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }
}
