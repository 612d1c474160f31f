import BlastCore

/// The outcome of one assertion.
public struct AssertionResult: Sendable {
    /// One way the assertion is broken, with the paths that prove it.
    public struct Violation: Sendable, Hashable {
        /// The start (identity or credential) or the resource the violation is about.
        public let subject: String
        public let message: String
        public let evidence: [Evidence]
    }

    public let assertion: PolicyAssertion
    /// Sorted by subject.
    public let violations: [Violation]
    public var holds: Bool { violations.isEmpty }
}

extension Policy {
    /// Evaluates every assertion at `options.at` (standing access, identities without MFA).
    /// Throws when an assertion names resources or starts the model does not have.
    /// - Complexity: per assertion, one who-can per matching resource (`no-reach`, `at-most`) or
    ///   one radius per selected start (`no-critical`, `no-path`).
    public func evaluate(_ graph: AccessGraph, options: QueryOptions) throws(AuditError) -> [AssertionResult] {
        var out: [AssertionResult] = []
        for a in assertions { out.append(try a.evaluate(graph, options: options)) }
        return out
    }
}

extension PolicyAssertion {
    func evaluate(_ g: AccessGraph, options: QueryOptions) throws(AuditError) -> AssertionResult {
        var violations: [AssertionResult.Violation] = []
        switch kind {
        case .noReach(let from, let to, let action):
            let targets = try resources(g, to, key: "to")
            try requireSelection(g, from)
            for r in targets {
                let who = g.whoCan(reach: r, action: action, options: options)
                for (i, e) in who.identities where from.selects(g.identity(i)) {
                    violations.append(violation(g, g.identity(i).id, r, action, who.path(e)))
                }
                for (c, e) in who.credentials where from.selects(g.credential(c)) {
                    violations.append(violation(g, g.credential(c).id, r, action, who.path(e)))
                }
            }
        case .noCritical(let from, let level):
            try requireSelection(g, from)
            for (id, start) in starts(g, from, options: options) {
                let radius = g.radius(from: start, options: options)
                let hits = radius.resources.filter { g.resource($0.resource).criticality >= level }
                guard let worst = hits.max(by: { g.resource($0.resource).criticality < g.resource($1.resource).criticality }) else {
                    continue
                }
                let names = hits.map { g.resource($0.resource).id }
                violations.append(
                    .init(
                        subject: id,
                        message:
                            "\(id) reaches \(FindingText.plural(hits.count, "resource")) of criticality \(level.rawValue) or more: \(FindingText.list(names))",
                        evidence: [Evidence("\(id) reaches \(g.resource(worst.resource).id)", radius.path(worst.proof))]))
            }
        case .atMost(let max, let from, let to, let action):
            let targets = try resources(g, to, key: "to")
            for r in targets {
                let who = g.whoCan(reach: r, action: action, options: options)
                var reachers: [(String, [PathStep])] = []
                for (i, e) in who.identities where from.selects(g.identity(i)) { reachers.append((g.identity(i).id, who.path(e))) }
                for (c, e) in who.credentials where from.selects(g.credential(c)) { reachers.append((g.credential(c).id, who.path(e))) }
                guard reachers.count > max else { continue }
                reachers.sort { $0.0 < $1.0 }
                let resource = g.resource(r).id
                violations.append(
                    .init(
                        subject: resource,
                        message:
                            "\(FindingText.plural(reachers.count, from == .credentials ? "credential" : "identity", from == .credentials ? "credentials" : "identities")) can reach \(resource)\(action.map { " with \($0)" } ?? "") (at most \(max) allowed): \(FindingText.list(reachers.map(\.0), limit: 20))",
                        evidence: reachers.map { Evidence("\($0.0) reaches \(resource)", $0.1) }))
            }
        case .noPath(let storedIn, let to):
            let places = try resources(g, storedIn, key: "stored_in")
            let targets = Set(try resources(g, to, key: "to"))
            let placeSet = Set(places)
            for k in g.credentialIDs where g.credential(k).isValid(at: options.at) {
                let cred = g.credential(k)
                let stored = cred.storedIn.filter { id in
                    if case .resource(let r) = g.element(named: id) { return placeSet.contains(r) }
                    return false
                }
                guard let place = stored.sorted().first else { continue }
                let radius = g.radius(from: .credential(k), options: options)
                let hits = radius.resources.filter { targets.contains($0.resource) }
                guard let first = hits.first else { continue }
                let names = hits.map { g.resource($0.resource).id }
                violations.append(
                    .init(
                        subject: cred.id,
                        message:
                            "\(cred.id), stored in \(place), reaches \(FindingText.plural(hits.count, "resource")) matching \(to): \(FindingText.list(names))",
                        evidence: [
                            Evidence(
                                "\(place) holds \(cred.id), which reaches \(names[0])",
                                [
                                    PathStep(
                                        from: place, fromKind: .resource, to: cred.id, toKind: .credential, edge: .pivot,
                                        origin: cred.origin)
                                ]
                                    + radius.path(first.proof))
                        ]))
            }
        }
        violations.sort { ($0.subject, $0.message) < ($1.subject, $1.message) }
        return AssertionResult(assertion: self, violations: violations)
    }

    private func violation(_ g: AccessGraph, _ start: String, _ r: ResourceID, _ action: String?, _ path: [PathStep])
        -> AssertionResult.Violation
    {
        let resource = g.resource(r).id
        let what = action.map { "may \($0) on" } ?? "reaches"
        return .init(subject: start, message: "\(start) \(what) \(resource)", evidence: [Evidence("\(start) \(what) \(resource)", path)])
    }

    /// Declared resources whose id, or an ancestor's, matches the pattern (statement semantics).
    private func resources(_ g: AccessGraph, _ pattern: String, key: String) throws(AuditError) -> [ResourceID] {
        let p = Pattern(pattern)
        var out: [ResourceID] = []
        for k in g.resourceIDs {
            var id = Substring(g.resource(k).id)
            while true {
                if p.matches(String(id)) { out.append(k); break }
                guard let slash = id.lastIndex(of: "/") else { break }
                id = id[..<slash]
            }
        }
        guard !out.isEmpty else {
            let hint =
                Suggestion.closest(to: pattern, among: g.resourceIDs.map { g.resource($0).id }).map { "; did you mean '\($0)'?" } ?? ""
            throw AuditError(.noSuchResource, "\(key): '\(pattern)' matches no resource of the model\(hint)", at: origin)
        }
        return out
    }

    private func requireSelection(_ g: AccessGraph, _ from: StartSelector) throws(AuditError) {
        guard case .ids(let p) = from else { return }
        let pattern = Pattern(p)
        guard
            g.identityIDs.contains(where: { pattern.matches(g.identity($0).id) })
                || g.credentialIDs.contains(where: { pattern.matches(g.credential($0).id) })
        else {
            throw AuditError(
                .emptySelection,
                "from: '\(p)' is no identity or credential of the model, nor credentials, identities, humans, services, agents or workloads",
                at: origin)
        }
    }

    private func starts(_ g: AccessGraph, _ from: StartSelector, options: QueryOptions) -> [(String, AccessGraph.Start)] {
        var out: [(String, AccessGraph.Start)] = []
        for k in g.identityIDs where from.selects(g.identity(k)) {
            out.append((g.identity(k).id, .session(Session(identity: k, mfa: false))))
        }
        for k in g.credentialIDs where from.selects(g.credential(k)) && g.credential(k).isValid(at: options.at) {
            out.append((g.credential(k).id, .credential(k)))
        }
        return out
    }
}
