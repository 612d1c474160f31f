import BlastCore

/// `lp.unused-permission`: with usage records, the allow statements of a grant that no recorded
/// use in the window matched (permission creep), and the trimmed role the uses suggest.
///
/// Judged only for standing grants active at the audit's instant whose holder has at least one
/// member with a record in the window (an identity without records may simply not be logged).
/// A record matches a statement when its identity is the grant's holder or inside it, an action
/// pattern matches its action, and its resource is covered (within the grant's scope).
public struct UnusedPermission: AuditRule {
    public init() {}
    public let id = "lp.unused-permission"
    public let severity = Severity.medium
    public let title = "Permission granted but not used"
    public let rationale =
        "Permissions nobody uses widen every radius for no benefit; they accumulate as people and systems change (permission creep)."
    public let remedy =
        "Replace the role with the trimmed role the audit prints (only used statements, wildcards narrowed to the actions used)."

    public func findings(in c: AuditContext) -> [Finding] {
        guard let usage = c.usage else { return [] }
        let g = c.graph
        let at = c.settings.at
        let since = at.adding(days: -c.settings.usageDays)
        let window = usage.filter { since <= $0.time && $0.time <= at }
        var byIdentity: [String: [UsageRecord]] = [:]
        for u in window { byIdentity[u.identity, default: []].append(u) }
        var out: [Finding] = []
        for grant in g.grantIDs {
            let terms = g.grant(grant).terms
            guard !terms.approval, terms.isActive(at: at) else { continue }
            let members = g.memberIdentities(of: g.grant(grant).holder).map { g.identity($0).id }
            let records = members.flatMap { byIdentity[$0] ?? [] }
            guard !records.isEmpty else { continue }
            var used: [StatementID: Set<String>] = [:]
            var unused: [StatementID] = []
            for s in g.allowStatements(of: grant) {
                let actions = Set(records.filter { matches($0, statement: s, grant: grant, g) }.map(\.action))
                if actions.isEmpty { unused.append(s) } else { used[s] = actions }
            }
            guard !unused.isEmpty else { continue }
            let role = g.role(g.grant(grant).role)
            let risky = unused.contains { s in
                g.statement(s).actions.contains { ActionClass.isAdmin($0.text, takeoverActions: g.model.takeoverActions) }
                    || !g.resources(in: g.coverage(of: s, under: grant)) { $0.criticality == .critical }.isEmpty
            }
            var evidence: [Evidence] = []
            for s in unused {
                if let r = g.mostCritical(in: g.coverage(of: s, under: grant)) {
                    evidence.append(Evidence("unused: \(g.describe(statement: s))", g.grantPath(grant, statement: s, to: r)))
                }
            }
            if evidence.isEmpty { evidence.append(Evidence("the grant", g.grantPath(grant))) }
            let unusedText = unused.map { s in g.describe(statement: s) + (g.statement(s).origin.map { " (\($0))" } ?? "") }
            out.append(
                Finding(
                    rule: id, severity: risky ? .medium : .low,
                    title:
                        "\(g.describe(grant: grant)): \(FindingText.plural(unused.count, "statement")) unused in \(c.settings.usageDays) days",
                    subject: g.subject(of: grant), subjects: [g.name(of: g.grant(grant).holder), role.id] + members,
                    message:
                        "No recorded use by \(FindingText.list(members)) between \(since.isoDate) and \(at.isoDate) (\(FindingText.plural(records.count, "record"))) matched \(unusedText.joined(separator: "; ")).",
                    evidence: evidence,
                    fix: "Replace \(role.id) in this grant with the trimmed role:\n" + trimmedRole(role: role, grant: grant, used: used, g),
                    location: g.grant(grant).model.origin))
        }
        return out
    }

    func matches(_ u: UsageRecord, statement s: StatementID, grant: GrantID, _ g: AccessGraph) -> Bool {
        let st = g.statement(s)
        guard st.actions.contains(where: { $0.matches(u.action) }) else { return false }
        if case .resource(let r) = g.element(named: u.resource) {
            return g.coverage(of: s, under: grant).contains(r.rawValue)
        }
        // Not declared: match the id and its ancestors against the patterns, within the scope.
        if let scope = g.grant(grant).model.scope, u.resource != scope, !u.resource.hasPrefix(scope + "/") { return false }
        var id = Substring(u.resource)
        while true {
            if st.resourcePatterns.contains(where: { Pattern($0).matches(String(id)) }) { return true }
            guard let slash = id.lastIndex(of: "/") else { return false }
            id = id[..<slash]
        }
    }

    /// The role as YAML with only used statements; a statement's wildcard action patterns are
    /// narrowed to the actions used, its literal ones kept when used. Denies are kept.
    func trimmedRole(role: Role, grant: GrantID, used: [StatementID: Set<String>], _ g: AccessGraph) -> String {
        func quote(_ s: String) -> String {
            s.allSatisfy { $0.isLetter || $0.isNumber || "-_./:".contains($0) } ? s : "\"\(s)\""
        }
        var lines = ["- id: \(role.id)-trimmed", "  allow:"]
        for s in g.allowStatements(of: grant) {
            guard let actions = used[s] else { continue }
            let st = g.statement(s)
            var keep: Set<String> = []
            for p in st.actions {
                if ActionClass.isWildcard(p.text) {
                    keep.formUnion(actions.filter { p.matches($0) })
                } else if actions.contains(p.text) {
                    keep.insert(p.text)
                }
            }
            lines.append("    - actions: [\(keep.sorted().map(quote).joined(separator: ", "))]")
            lines.append("      resources: [\(st.resourcePatterns.map(quote).joined(separator: ", "))]")
        }
        if used.isEmpty { lines[1] = "  allow: []" }
        if !role.deny.isEmpty {
            lines.append("  deny:")
            for d in role.deny {
                lines.append("    - actions: [\(d.actions.map(quote).joined(separator: ", "))]")
                lines.append("      resources: [\(d.resources.map(quote).joined(separator: ", "))]")
            }
        }
        return lines.joined(separator: "\n")
    }
}
