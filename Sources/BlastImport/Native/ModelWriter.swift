import BlastCore
import Yams

/// Writes a `Model` as a native model file, so anything imported can be saved and edited.
///
/// The output is deterministic: sections and elements in model order, keys in schema order, one
/// blank line between sections, and defaults left out (type `human`, criticality `low`, false
/// booleans, empty lists, absent dates, the default `takeover_actions` and `reveal_actions`).
/// Yams emits every value, so strings such as `*`, `yes`, `123` or `a: b` are quoted as YAML
/// requires. `NativeFormat.decode` reads the output back to the same model, origins aside.
public enum ModelWriter {
    /// The model as a YAML document in the native schema.
    /// - Complexity: O(n) in the size of the model.
    public static func yaml(_ model: Model) -> String {
        var sections: [(String, Yams.Node)] = []
        func section(_ key: String, _ items: [Yams.Node]) {
            if !items.isEmpty { sections.append((key, Yams.Node(items, .implicit, .block))) }
        }
        section("identities", model.identities.map(node))
        section("credentials", model.credentials.map(node))
        section("groups", model.groups.map(node))
        section("roles", model.roles.map(node))
        section("grants", model.grants.map(node))
        section("assumes", model.assumes.map(node))
        section("resources", model.resources.map(node))
        section("escalations", model.escalations.map(node))
        if model.takeoverActions != Model.defaultTakeoverActions {
            sections.append(("takeover_actions", list(model.takeoverActions)))
        }
        if model.revealActions != Model.defaultRevealActions {
            sections.append(("reveal_actions", list(model.revealActions)))
        }
        let version = emit(Yams.Node([(Yams.Node("version"), Yams.Node(RawModelFile.version))]))
        let rest = sections.map { key, value in emit(Yams.Node([(Yams.Node(key), value)])) }
        return ([version] + rest).joined(separator: "\n")
    }

    private static func node(_ identity: Identity) -> Yams.Node {
        var keys = Keys()
        keys.add("id", string(identity.id))
        keys.add("type", identity.kind == .human ? nil : Yams.Node(identity.kind.rawValue))
        keys.add("resource", identity.resource.map(string))
        return keys.node
    }

    private static func node(_ credential: Credential) -> Yams.Node {
        var keys = Keys()
        keys.add("id", string(credential.id))
        keys.add("of", string(credential.of))
        keys.add("mfa", flag(credential.mfa))
        keys.add("stored_in", nonEmpty(credential.storedIn))
        keys.add("created", credential.created.map(date))
        keys.add("last_used", credential.lastUsed.map(date))
        keys.add("expires", credential.expires.map(date))
        return keys.node
    }

    private static func node(_ group: Group) -> Yams.Node {
        var keys = Keys()
        keys.add("id", string(group.id))
        keys.add("members", nonEmpty(group.members))
        return keys.node
    }

    private static func node(_ role: Role) -> Yams.Node {
        var keys = Keys()
        keys.add("id", string(role.id))
        keys.add("allow", role.allow.isEmpty ? nil : Yams.Node(role.allow.map(node), .implicit, .block))
        keys.add("deny", role.deny.isEmpty ? nil : Yams.Node(role.deny.map(node), .implicit, .block))
        return keys.node
    }

    private static func node(_ statement: Statement) -> Yams.Node {
        var keys = Keys()
        keys.add("actions", list(statement.actions))
        keys.add("resources", list(statement.resources))
        keys.add("except_actions", nonEmpty(statement.exceptActions))
        keys.add("except_resources", nonEmpty(statement.exceptResources))
        return keys.node
    }

    private static func node(_ grant: Grant) -> Yams.Node {
        var keys = Keys()
        keys.add("to", string(grant.to))
        keys.add("role", string(grant.role))
        keys.add("scope", grant.scope.map(string))
        add(grant.terms, to: &keys)
        keys.add("reviewed", grant.reviewed.map(date))
        return keys.node
    }

    private static func node(_ assume: Assume) -> Yams.Node {
        var keys = Keys()
        keys.add("from", string(assume.from))
        keys.add("to", string(assume.to))
        add(assume.terms, to: &keys)
        return keys.node
    }

    private static func node(_ escalation: Escalation) -> Yams.Node {
        var keys = Keys()
        keys.add("technique", string(escalation.technique))
        let requires = escalation.requires.map { r -> Yams.Node in
            var pair = Keys()
            pair.add("action", string(r.action))
            pair.add("resource", string(r.resource))
            return Yams.Node(pair.node.mapping.map { Array($0) } ?? [], .implicit, .flow)
        }
        keys.add("requires", Yams.Node(requires, .implicit, .block))
        keys.add("to", string(escalation.to))
        keys.add("from", escalation.from.map(string))
        add(escalation.terms, to: &keys)
        return keys.node
    }

    private static func node(_ resource: Resource) -> Yams.Node {
        var keys = Keys()
        keys.add("id", string(resource.id))
        keys.add("criticality", resource.criticality == .low ? nil : Yams.Node(resource.criticality.rawValue))
        return keys.node
    }

    /// `not_before`, `expires`, `approval`, `mfa`, `condition`: the keys grants and assumes share.
    private static func add(_ terms: Terms, to keys: inout Keys) {
        keys.add("not_before", terms.notBefore.map(date))
        keys.add("expires", terms.expires.map(date))
        keys.add("approval", flag(terms.approval))
        keys.add("mfa", flag(terms.mfa))
        keys.add("condition", terms.condition.map(string))
    }

    /// The keys of one mapping in the order they are added; absent values are left out.
    private struct Keys {
        private var pairs: [(Yams.Node, Yams.Node)] = []

        mutating func add(_ key: String, _ value: Yams.Node?) {
            if let value { pairs.append((ModelWriter.plainString(key).map(Yams.Node.scalar) ?? Yams.Node(key), value)) }
        }

        var node: Yams.Node { Yams.Node(pairs, .implicit, .block) }
    }

    /// A string scalar, quoted when YAML would otherwise read it as something else.
    private static func string(_ text: String) -> Yams.Node {
        .scalar(plainString(text) ?? text.represented())
    }

    /// The scalar of a string YAML cannot read as anything but a string, tagged `str` at once:
    /// every other form of the default resolver (bool, int, float, merge, null, timestamp, value)
    /// is non-empty text starting with one of `yYnNtTfFoO+-.0-9~<=`. Nil for the rest, which go
    /// through the resolver. The same bytes either way; the resolver's regular expressions ran
    /// twice per scalar (here and in the emitter) and were most of `import` on an AWS account.
    fileprivate static func plainString(_ text: String) -> Yams.Node.Scalar? {
        guard let first = text.utf8.first, !"yYnNtTfFoO+-.0123456789~<=".utf8.contains(first) else { return nil }
        return Yams.Node.Scalar(text, Tag(.str))
    }

    /// A flow list of strings: `[read, '*']`.
    private static func list(_ texts: [String]) -> Yams.Node {
        Yams.Node(texts.map(string), .implicit, .flow)
    }

    /// A flow list of strings, or nothing when there are none.
    private static func nonEmpty(_ texts: [String]) -> Yams.Node? {
        texts.isEmpty ? nil : list(texts)
    }

    /// `true`, or nothing for the default `false`.
    private static func flag(_ value: Bool) -> Yams.Node? {
        value ? Yams.Node("true") : nil
    }

    /// `2026-01-01` at midnight UTC, `2026-01-01T10:00:00Z` otherwise.
    private static func date(_ instant: Instant) -> Yams.Node {
        let text = instant.iso8601
        return Yams.Node(text.hasSuffix("T00:00:00Z") ? instant.isoDate : text)
    }

    /// The YAML text of `node`; a failure here would be a bug in the nodes built above.
    private static func emit(_ node: Yams.Node) -> String {
        do {
            return try Yams.serialize(node: node, width: -1, allowUnicode: true)
        } catch {
            preconditionFailure("ModelWriter built a node Yams cannot emit: \(error)")
        }
    }
}
