import BlastCore

/// Policy semantics shared by the mapping steps: action normalisation, statement validation and
/// the reading of conditions.
enum AWSPolicy {
    /// AWS action names are case-insensitive; the engine matches case-sensitively, so every action
    /// (and action pattern) is lowercased on import: `iam:PassRole` becomes `iam:passrole`. Users
    /// pass lowercase actions to `can --action` and `who-can --action`.
    static func normalise(action: String) -> String { action.lowercased() }

    /// The terms a statement's `Condition` block puts on the grant or assume that carries it.
    struct ConditionTerms: Hashable, Sendable {
        /// `aws:MultiFactorAuthPresent` true (or an `aws:MultiFactorAuthAge` bound): MFA sessions only.
        var mfa = false
        /// Every other condition, rendered `Operator key=value|value; …` (sorted): not evaluated.
        var other: String?

        var terms: Terms { Terms(mfa: mfa, condition: other) }
        var isUnconditional: Bool { !mfa && other == nil }
    }

    static func conditionTerms(_ condition: [String: [String: AWSConditionValues]]?) -> ConditionTerms {
        var out = ConditionTerms()
        var rest: [String] = []
        for (op, keys) in condition ?? [:] {
            for (key, values) in keys {
                let k = key.lowercased()
                let isBool = op == "Bool" || op == "BoolIfExists"
                if k == "aws:multifactorauthpresent", isBool, values.items.map({ $0.lowercased() }) == ["true"] {
                    out.mfa = true
                } else if k == "aws:multifactorauthage", op.hasPrefix("Numeric") {
                    out.mfa = true
                    rest.append("\(op) \(key)=\(values.items.joined(separator: "|"))")
                } else {
                    rest.append("\(op) \(key)=\(values.items.joined(separator: "|"))")
                }
            }
        }
        out.other = rest.isEmpty ? nil : rest.sorted().joined(separator: "; ")
        return out
    }

    /// One identity-policy statement, checked and normalised.
    struct Statement: Sendable {
        var allow: Bool
        /// Lowercased action patterns (`["*"]` for a `NotAction` statement).
        var actions: [String]
        var exceptActions: [String]
        var resources: [String]
        var exceptResources: [String]
        var condition: ConditionTerms
        var origin: SourceLocation

        var model: BlastCore.Statement {
            BlastCore.Statement(
                actions: actions, resources: resources, exceptActions: exceptActions,
                exceptResources: exceptResources, origin: origin)
        }
    }

    /// The statements of an identity policy (or permissions boundary); throws where a statement
    /// is malformed (unknown `Effect`, neither or both of `Action`/`NotAction`, …).
    static func statements(of document: RawPolicyDocument, file: String, keyPath: String) throws(ImportError) -> [Statement] {
        var out: [Statement] = []
        for (k, s) in document.Statement.enumerated() {
            let path = "\(keyPath).Statement[\(k)]"
            let allow = try effect(s, file: file, keyPath: path)
            let (actions, exceptActions) = try pair(s.Action, s.NotAction, "Action", file: file, keyPath: path)
            let (resources, exceptResources) = try pair(s.Resource, s.NotResource, "Resource", file: file, keyPath: path)
            if s.Principal != nil || s.NotPrincipal != nil {
                throw ImportError(
                    .badValue, "an identity policy statement cannot name a Principal; is this a resource policy?",
                    file: file, keyPath: path)
            }
            out.append(
                Statement(
                    allow: allow, actions: actions.map(normalise(action:)), exceptActions: exceptActions.map(normalise(action:)),
                    resources: resources, exceptResources: exceptResources, condition: conditionTerms(s.Condition),
                    origin: SourceLocation(file: file, keyPath: path)))
        }
        return out
    }

    static func effect(_ s: RawPolicyStatement, file: String, keyPath: String) throws(ImportError) -> Bool {
        switch s.Effect {
        case "Allow": return true
        case "Deny": return false
        case nil: throw ImportError(.missingKey, "the statement has no Effect; write \"Allow\" or \"Deny\"", file: file, keyPath: keyPath)
        case let other?:
            throw ImportError(
                .badValue, "unknown Effect \(quoted(other)); AWS accepts \"Allow\" or \"Deny\"", file: file, keyPath: "\(keyPath).Effect")
        }
    }

    /// `Action` / `NotAction` (or `Resource` / `NotResource`): exactly one must be present.
    /// Returns (patterns, excepted): `NotX: [a]` becomes (`["*"]`, `[a]`).
    static func pair(
        _ plain: AWSStringList?, _ not: AWSStringList?, _ name: String, file: String,
        keyPath: String
    ) throws(ImportError) -> ([String], [String]) {
        switch (plain, not) {
        case (let p?, nil):
            guard !p.items.isEmpty else {
                throw ImportError(.badValue, "\(name) is an empty list", file: file, keyPath: "\(keyPath).\(name)")
            }
            return (p.items, [])
        case (nil, let n?): return (["*"], n.items)
        case (nil, nil): throw ImportError(.missingKey, "the statement has neither \(name) nor Not\(name)", file: file, keyPath: keyPath)
        case (_?, _?):
            throw ImportError(.badValue, "the statement has both \(name) and Not\(name); AWS allows one", file: file, keyPath: keyPath)
        }
    }

    /// The actions a trust policy must allow for a principal to assume the role.
    static let assumeActions = ["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity"]

    /// Whether `pattern` (a resource pattern) covers `id` the way the engine does: it matches
    /// the id or one of its `/` ancestors.
    static func covers(_ pattern: Pattern, _ id: String) -> Bool {
        if pattern.matches(id) { return true }
        var s = Substring(id)
        while let slash = s.lastIndex(of: "/") {
            s = s[..<slash]
            if pattern.matches(String(s)) { return true }
        }
        return false
    }

    /// An allow statement with its patterns compiled once, for the importer's pre-checks.
    struct CompiledAllow: Sendable {
        let actions: [Pattern]
        let exceptActions: [Pattern]
        let resources: [Pattern]
        let exceptResources: [Pattern]

        init(_ s: BlastCore.Statement) {
            actions = s.actions.map(Pattern.init)
            exceptActions = s.exceptActions.map(Pattern.init)
            resources = s.resources.map(Pattern.init)
            exceptResources = s.exceptResources.map(Pattern.init)
        }

        func allows(action: String) -> Bool {
            actions.contains { $0.matches(action) } && !exceptActions.contains { $0.matches(action) }
        }

        /// Whether the statement applies to the concrete action on the resource (conditions,
        /// scopes and denies aside): the cheap pre-check before emitting an escalation.
        func applies(action: String, resource: String) -> Bool {
            allows(action: action) && covers(resource: resource)
        }

        /// Whether the statement's resource patterns cover the resource (the action aside).
        func covers(resource: String) -> Bool {
            resources.contains { AWSPolicy.covers($0, resource) } && !exceptResources.contains { AWSPolicy.covers($0, resource) }
        }
    }
}
