import BlastCore

/// Helpers the rules share: grant coverage, group members, subjects and evidence paths built
/// from declared edges.
extension AccessGraph {
    /// The positions an allow or deny statement of a grant's role covers, within the grant's scope.
    /// - Complexity: O(log n + k).
    func coverage(grant: GrantID, statement: StatementID) -> IntervalSet {
        let cov = statements[statement.index].coverage
        guard let scope = grants[grant.index].scope else { return cov }
        return cov.clamped(to: scope)
    }

    /// Indices of the allow statements of a grant's role.
    func allowStatements(of grant: GrantID) -> StatementRange { roleAllows[grants[grant.index].role.index] }

    /// The name of a holder (identity or group).
    func holderName(_ holder: HolderID) -> String { name(of: element(of: holder)) }

    /// The identity itself, or every identity inside a group (transitively), sorted by id.
    /// - Complexity: O(g + m) over the groups and memberships below the holder.
    func memberIdentities(of holder: HolderID) -> [IdentityID] {
        var seen: Set<HolderID> = [holder]
        var queue = [holder]
        var head = 0
        var out: [IdentityID] = []
        while head < queue.count {
            let h = queue[head]
            head += 1
            if h.index < identityCount { out.append(IdentityID(h.rawValue)); continue }
            for m in members[h.index] where seen.insert(m).inserted { queue.append(m) }
        }
        return out.sorted { identities[$0.index].id < identities[$1.index].id }
    }

    /// `grant:HOLDER:ROLE`, with `@SCOPE` for a scoped grant.
    func subject(of grant: GrantID) -> String {
        let g = grants[grant.index]
        return "grant:\(holderName(g.holder)):\(roles[g.role.index].id)" + (g.model.scope.map { "@\($0)" } ?? "")
    }

    /// `sre's prod-admin grant`, `bob's prod-debug grant on prod/eu`.
    func describe(grant: GrantID) -> String {
        let g = grants[grant.index]
        return "\(holderName(g.holder))'s \(roles[g.role.index].id) grant" + (g.model.scope.map { " on \($0)" } ?? "")
    }

    /// The most critical position in a set (the first in hierarchy order among equals).
    func mostCritical(in set: IntervalSet) -> ResourceID? {
        var best: ResourceID?
        for run in set.runs {
            for p in run {
                let r = ResourceID(p)
                if best == nil || resources[r.index].criticality > resources[best!.index].criticality { best = r }
                if resources[r.index].criticality == .critical { return best }
            }
        }
        return best
    }

    /// Resources of a set that satisfy `include`, in hierarchy order.
    func resources(in set: IntervalSet, where include: (Resource) -> Bool) -> [ResourceID] {
        var out: [ResourceID] = []
        for run in set.runs { for p in run where include(resources[Int(p)]) { out.append(ResourceID(p)) } }
        return out
    }

    /// The positions of every resource a start reaches with standing access: a radius without
    /// paths, access entries or the approvals search.
    /// - Complexity: one search, O(S · v + M), plus the sessions' access segments.
    func reachedPositions(from start: Start, options: QueryOptions) -> IntervalSet {
        let search = Exploration(graph: self, start: start, options: options)
        var runs: [Range<UInt32>] = []
        for v in search.sessions { for segment in access(v).segments { runs.append(segment.positions) } }
        return IntervalSet(runs: runs)
    }

    /// `holder -grant-> role [-allow-> resource]`: the declared edges behind a grant.
    func grantPath(_ grant: GrantID, statement: StatementID? = nil, to resource: ResourceID? = nil) -> [PathStep] {
        let g = grants[grant.index]
        let holder = element(of: g.holder)
        var steps = [PathStep(from: name(of: holder), fromKind: kind(of: holder), to: roles[g.role.index].id, toKind: .role,
                              edge: .grant, origin: g.model.origin, terms: g.terms)]
        if let statement, let resource {
            steps.append(PathStep(from: roles[g.role.index].id, fromKind: .role, to: resources[resource.index].id,
                                  toKind: .resource, edge: .allow, origin: statements[statement.index].origin))
        }
        return steps
    }

    /// `from -assume-> to`.
    func assumePath(_ assume: AssumeID) -> [PathStep] {
        let a = assumes[assume.index]
        let from = element(of: a.from)
        return [PathStep(from: name(of: from), fromKind: kind(of: from), to: identities[a.to.index].id, toKind: .identity,
                         edge: .assume, origin: a.model.origin, terms: a.terms)]
    }

    /// `credential -credential-> identity`.
    func credentialStep(_ credential: CredentialID) -> PathStep {
        let c = credentials[credential.index]
        return PathStep(from: c.id, fromKind: .credential, to: c.of, toKind: .identity, edge: .credential, origin: c.origin)
    }

    /// `assume:FROM:TO`.
    func subject(of assume: AssumeID) -> String {
        let a = assumes[assume.index]
        return "assume:\(holderName(a.from)):\(identities[a.to.index].id)"
    }

    /// A statement as text for messages: `read, write on prod/db`.
    func describe(statement: StatementID) -> String {
        let s = statements[statement.index]
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
        for x in resources where best == nil
            || graph.resources[x.resource.index].criticality > graph.resources[best!.resource.index].criticality {
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

/// `1 identity`, `3 identities`.
func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
    n == 1 ? "1 \(one)" : "\(n) \(many ?? one + "s")"
}

/// `a, b, c and 4 more`.
func list(_ items: [String], limit: Int = 8) -> String {
    if items.count <= limit { return items.joined(separator: ", ") }
    return items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
}
