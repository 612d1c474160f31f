extension Model {
    /// The kind of element an id names.
    public enum ElementKind: String, Sendable {
        case identity, credential, group, role, resource

        /// "an identity", "a group".
        public var withArticle: String { self == .identity ? "an identity" : "a \(rawValue)" }
    }

    /// Checks that ids are unique across the model and that every reference names an element of
    /// the right kind; throws the first problem in document order.
    ///
    /// Identity `resource`s that are not declared as resources are declared implicitly (criticality
    /// low) by `AccessGraph.compile`; `stored_in` entries, grant scopes excepted, must name declared
    /// resources.
    /// - Complexity: O(n) in the number of elements and references.
    public func validate() throws(ModelError) {
        _ = try validatedIndex()
    }

    /// Validates, keeping the id table validation builds for `AccessGraph.compile(_:)`.
    public func validated() throws(ModelError) -> ValidatedModel {
        ValidatedModel(model: self, kinds: try validatedIndex())
    }

    /// Validates, and returns every declared id with its kind and index in its list (resources:
    /// in `resources`), for the compiler to reuse rather than hash every id again.
    func validatedIndex() throws(ModelError) -> [String: (ElementKind, Int32)] {
        // Kinds with the declaration's index; the first declaration's origin is looked up only
        // for an error message.
        var kinds: [String: (ElementKind, Int32)] = [:]
        kinds.reserveCapacity(identities.count + credentials.count + groups.count + roles.count + resources.count)
        func firstOrigin(_ kind: ElementKind, _ k: Int32) -> SourceLocation? {
            let k = Int(k)
            switch kind {
            case .identity: return identities[k].origin
            case .credential: return credentials[k].origin
            case .group: return groups[k].origin
            case .role: return roles[k].origin
            case .resource: return resources[k].origin
            }
        }
        func declare(_ id: String, _ kind: ElementKind, _ k: Int, _ origin: SourceLocation?) throws(ModelError) {
            if id.isEmpty {
                throw ModelError(.invalidValue, "\(kind.rawValue) id is empty", at: origin)
            }
            if let (other, otherIndex) = kinds[id] {
                let firstPlace = firstOrigin(other, otherIndex).map { " (first declared at \($0))" } ?? ""
                throw ModelError(
                    .duplicateID,
                    "duplicate id '\(id)': already declared as \(other.withArticle)\(firstPlace); ids must be unique across the whole model",
                    at: origin)
            }
            kinds[id] = (kind, Int32(k))
        }
        for (k, x) in identities.enumerated() { try declare(x.id, .identity, k, x.origin) }
        for (k, x) in credentials.enumerated() { try declare(x.id, .credential, k, x.origin) }
        for (k, x) in groups.enumerated() { try declare(x.id, .group, k, x.origin) }
        for (k, x) in roles.enumerated() { try declare(x.id, .role, k, x.origin) }
        for (k, x) in resources.enumerated() { try declare(x.id, .resource, k, x.origin) }

        func require(_ id: String, _ allowed: [ElementKind], field: String, _ origin: SourceLocation?) throws(ModelError) {
            let expected = allowed.map(\.withArticle).joined(separator: " or ")
            guard let (kind, _) = kinds[id] else {
                let hint =
                    Suggestion.closest(to: id, among: kinds.compactMap { allowed.contains($0.value.0) ? $0.key : nil })
                    .map { "; did you mean '\($0)'?" } ?? ""
                throw ModelError(
                    .undefinedReference, "\(field) '\(id)' is not a declared \(allowed.map(\.rawValue).joined(separator: " or "))\(hint)",
                    at: origin)
            }
            guard allowed.contains(kind) else {
                throw ModelError(.wrongKind, "\(field) '\(id)' is \(kind.withArticle), expected \(expected)", at: origin)
            }
        }
        for c in credentials {
            try require(c.of, [.identity], field: "of", c.origin)
            for r in c.storedIn { try require(r, [.resource], field: "stored_in", c.origin) }
        }
        for g in groups {
            for m in g.members { try require(m, [.identity, .group], field: "member", g.origin) }
        }
        for g in grants {
            try require(g.to, [.identity, .group], field: "to", g.origin)
            try require(g.role, [.role], field: "role", g.origin)
            if let scope = g.scope, scope.isEmpty {
                throw ModelError(.invalidValue, "scope is empty; omit it to apply the role everywhere", at: g.origin)
            }
        }
        for a in assumes {
            try require(a.from, [.identity, .group], field: "from", a.origin)
            try require(a.to, [.identity], field: "to", a.origin)
        }
        for e in escalations {
            if e.technique.isEmpty {
                throw ModelError(.invalidValue, "escalation technique is empty; name the technique", at: e.origin)
            }
            if e.requires.isEmpty {
                throw ModelError(.invalidValue, "escalation '\(e.technique)' needs at least one requirement", at: e.origin)
            }
            try require(e.to, [.identity], field: "to", e.origin)
            if let from = e.from { try require(from, [.identity, .group], field: "from", e.origin) }
            for r in e.requires { try require(r.resource, [.resource], field: "requires.resource", e.origin) }
        }
        for r in roles {
            for s in r.allow + r.deny {
                if s.actions.isEmpty || s.resources.isEmpty {
                    throw ModelError(
                        .invalidValue, "statement of role '\(r.id)' needs at least one action and one resource", at: s.origin ?? r.origin)
                }
            }
        }
        for i in identities {
            if let res = i.resource, let (kind, _) = kinds[res], kind != .resource {
                throw ModelError(
                    .wrongKind, "resource '\(res)' of identity '\(i.id)' is \(kind.withArticle), expected a resource id", at: i.origin)
            }
        }
        if takeoverActions.count > 64 || revealActions.count > 64 {
            throw ModelError(.invalidValue, "at most 64 takeover_actions and 64 reveal_actions are supported", at: nil)
        }
        return kinds
    }
}

/// A model that passed validation, with the id table validation built, so that compiling it
/// does not hash every id a second time.
public struct ValidatedModel: Sendable {
    public let model: Model
    let kinds: [String: (Model.ElementKind, Int32)]
}
