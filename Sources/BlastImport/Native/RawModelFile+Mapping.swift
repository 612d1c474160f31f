import BlastCore

extension RawModelFile {
    /// The file's model, raw values turned into ids, enums, booleans and dates; a list the file
    /// does not set holds the model's default (see `listsSet`). Does not validate references.
    func model() throws(ImportError) -> Model {
        var model = Model()
        try append(to: &model)
        if let takeoverActions { model.takeoverActions = takeoverActions.map(\.text) }
        if let revealActions { model.revealActions = revealActions.map(\.text) }
        return model
    }

    /// Whether the file sets `takeover_actions` and `reveal_actions`, for `Model.merged(_:listsSet:)`.
    var listsSet: (takeover: Bool, reveal: Bool) { (takeoverActions != nil, revealActions != nil) }

    /// Appends this file's elements to `model`, turning raw values into ids, enums, booleans and dates.
    private func append(to model: inout Model) throws(ImportError) {
        for raw in identities {
            model.identities.append(
                BlastCore.Identity(
                    id: try raw.id.id(), kind: try raw.type?.choice("identity type") ?? .human,
                    resource: try raw.resource?.id(), origin: raw.at))
        }
        for raw in credentials {
            var storedIn: [String] = []
            for resource in raw.storedIn { storedIn.append(try resource.id()) }
            model.credentials.append(
                BlastCore.Credential(
                    id: try raw.id.id(), of: try raw.of.id(), mfa: try raw.mfa?.bool() ?? false, storedIn: storedIn,
                    created: try raw.created?.instant(), lastUsed: try raw.lastUsed?.instant(),
                    expires: try raw.expires?.instant(), origin: raw.at))
        }
        for raw in groups {
            var members: [String] = []
            for member in raw.members { members.append(try member.id()) }
            model.groups.append(BlastCore.Group(id: try raw.id.id(), members: members, origin: raw.at))
        }
        for raw in roles {
            model.roles.append(
                BlastCore.Role(
                    id: try raw.id.id(), allow: raw.allow.map(\.statement), deny: raw.deny.map(\.statement),
                    origin: raw.at))
        }
        for raw in grants {
            model.grants.append(
                BlastCore.Grant(
                    to: try raw.to.id(), role: try raw.role.id(), scope: raw.scope?.text, terms: try raw.terms.terms(),
                    reviewed: try raw.reviewed?.instant(), origin: raw.at))
        }
        for raw in assumes {
            model.assumes.append(
                BlastCore.Assume(
                    from: try raw.from.id(), to: try raw.to.id(), terms: try raw.terms.terms(), origin: raw.at))
        }
        for raw in escalations {
            var requires: [BlastCore.Escalation.Requirement] = []
            for r in raw.requires { requires.append(.init(action: r.action.text, resource: try r.resource.id())) }
            model.escalations.append(
                BlastCore.Escalation(
                    technique: try raw.technique.id(), requires: requires, to: try raw.to.id(), from: try raw.from?.id(),
                    terms: try raw.terms.terms(), origin: raw.at))
        }
        for raw in resources {
            model.resources.append(
                BlastCore.Resource(
                    id: try raw.id.id(), criticality: try raw.criticality?.choice("criticality") ?? .low,
                    origin: raw.at))
        }
    }
}

extension RawModelFile.Statement {
    /// The model statement; emptiness is left to `Model.validate()`, which names the role.
    var statement: Statement {
        Statement(
            actions: actions.map(\.text), resources: resources.map(\.text),
            exceptActions: exceptActions.map(\.text), exceptResources: exceptResources.map(\.text), origin: at)
    }
}

extension RawModelFile.Terms {
    /// The model terms: absent booleans are false, absent dates nil.
    func terms() throws(ImportError) -> Terms {
        Terms(
            notBefore: try notBefore?.instant(), expires: try expires?.instant(),
            approval: try approval?.bool() ?? false, mfa: try mfa?.bool() ?? false,
            condition: condition.map(\.text))
    }
}

extension RawScalar {
    /// The scalar as an id or a reference to one: any non-empty text (`id: 123` is the id "123").
    public func id() throws(ImportError) -> String {
        guard !text.isEmpty else { throw ImportError(.badValue, "an id cannot be empty; write the id", at: at) }
        return text
    }

    /// The scalar as a case of a closed vocabulary, suggesting the closest case on a typo.
    public func choice<Value: RawRepresentable<String> & CaseIterable>(_ what: String) throws(ImportError) -> Value {
        if let value = Value(rawValue: text) { return value }
        let cases = Value.allCases.map(\.rawValue)
        let guess = Suggestion.closest(to: text, among: cases).map { " did you mean '\($0)'?" } ?? ""
        throw ImportError(
            .badValue, "\(quoted(text)) is not a valid \(what);\(guess) use one of \(cases.joined(separator: ", "))", at: at)
    }

    /// The scalar as a YAML boolean: `true` or `false` (also `True`, `TRUE`, …), unquoted.
    public func bool() throws(ImportError) -> Bool {
        switch (isPlain, text) {
        case (true, "true"), (true, "True"), (true, "TRUE"): return true
        case (true, "false"), (true, "False"), (true, "FALSE"): return false
        case (false, _):
            throw ImportError(
                .badValue,
                "\(quoted(text, limit: QuotedLimit.boolean)) is a quoted string, not a boolean; write true or false without quotes", at: at)
        default:
            throw ImportError(.badValue, "\(quoted(text, limit: QuotedLimit.boolean)) is not a boolean; use true or false", at: at)
        }
    }

    /// The scalar as an ISO 8601 date or date-time, as `Instant(iso8601:)` reads it.
    public func instant() throws(ImportError) -> Instant {
        guard let instant = Instant(iso8601: text) else {
            throw ImportError(
                .badValue, "\(quoted(text, limit: QuotedLimit.date)) is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ", at: at)
        }
        return instant
    }
}
