import BlastCore
import Foundation

/// The fast path for native JSON files: Foundation's `JSONDecoder` over `Raw…` mirrors of the
/// schema, strict about unknown keys, types, enums and dates.
///
/// It exists for speed on large (generated or exported) models. It reports no line numbers, so
/// whenever it fails the caller re-reads the file through the YAML path, whose errors name the
/// line; element origins from this path name the file and key path (`grants[3]`).
enum FastJSONModel {
    /// Whether the text looks like a JSON document (first non-space character `{`).
    static func looksLikeJSON(_ text: String) -> Bool {
        for b in text.utf8 {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case 0x7B: return true
            default: return false
            }
        }
        return false
    }

    /// Decodes a native JSON document; any problem throws (the caller falls back for the message).
    static func decode(_ text: String, file: String) throws -> RawDocument {
        let decoder = JSONDecoder()
        decoder.userInfo[fileKey] = file
        return try decoder.decode(RawDocument.self, from: Data(text.utf8))
    }

    static let fileKey = CodingUserInfoKey(rawValue: "blast.file")!

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct UnknownKey: Error {}
    struct BadValue: Error {}

    /// Throws when the object holds a key outside `allowed`.
    static func check(_ decoder: Decoder, _ allowed: Set<String>) throws {
        for k in try decoder.container(keyedBy: AnyKey.self).allKeys where !allowed.contains(k.stringValue) { throw UnknownKey() }
    }

    static func instant(_ s: String?) throws -> Instant? {
        guard let s else { return nil }
        guard let i = Instant(iso8601: s) else { throw BadValue() }
        return i
    }

    static func origin(_ decoder: Decoder) -> SourceLocation {
        let file = decoder.userInfo[fileKey] as? String ?? ""
        var path = ""
        for k in decoder.codingPath {
            if let i = k.intValue { path += "[\(i)]" } else { path += path.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return SourceLocation(file: file, line: nil, keyPath: path)
    }

    /// A list or a single string (`"actions": "read"`).
    struct StringOrList: Decodable {
        let items: [String]
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) { items = [s] } else { items = try c.decode([String].self) }
        }
    }

    struct RawTerms: Decodable {
        let notBefore: String?, expires: String?, approval: Bool?, mfa: Bool?, condition: String?
        enum CodingKeys: String, CodingKey { case notBefore = "not_before", expires, approval, mfa, condition }
        var terms: Terms {
            get throws {
                Terms(notBefore: try instant(notBefore), expires: try instant(expires), approval: approval ?? false,
                      mfa: mfa ?? false, condition: condition)
            }
        }
    }

    struct RawDocument: Decodable {
        let model: Model
        let setsTakeover: Bool
        let setsReveal: Bool

        enum CodingKeys: String, CodingKey {
            case version, identities, credentials, groups, roles, grants, assumes, resources, escalations
            case takeoverActions = "takeover_actions", revealActions = "reveal_actions"
        }

        init(from decoder: Decoder) throws {
            try check(decoder, Set(["version", "identities", "credentials", "groups", "roles", "grants", "assumes", "resources",
                                    "escalations", "takeover_actions", "reveal_actions"]))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            guard try c.decode(Int.self, forKey: .version) == 1 else { throw BadValue() }
            var m = Model()
            m.identities = try c.decodeIfPresent([RawIdentity].self, forKey: .identities)?.map(\.value) ?? []
            m.credentials = try c.decodeIfPresent([RawCredential].self, forKey: .credentials)?.map(\.value) ?? []
            m.groups = try c.decodeIfPresent([RawGroup].self, forKey: .groups)?.map(\.value) ?? []
            m.roles = try c.decodeIfPresent([RawRole].self, forKey: .roles)?.map(\.value) ?? []
            m.grants = try c.decodeIfPresent([RawGrant].self, forKey: .grants)?.map(\.value) ?? []
            m.assumes = try c.decodeIfPresent([RawAssume].self, forKey: .assumes)?.map(\.value) ?? []
            m.resources = try c.decodeIfPresent([RawResource].self, forKey: .resources)?.map(\.value) ?? []
            m.escalations = try c.decodeIfPresent([RawEscalation].self, forKey: .escalations)?.map(\.value) ?? []
            let takeover = try c.decodeIfPresent([String].self, forKey: .takeoverActions)
            let reveal = try c.decodeIfPresent([String].self, forKey: .revealActions)
            m.takeoverActions = takeover ?? Model.defaultTakeoverActions
            m.revealActions = reveal ?? Model.defaultRevealActions
            setsTakeover = takeover != nil
            setsReveal = reveal != nil
            model = m
        }
    }

    struct RawIdentity: Decodable {
        let value: Identity
        enum CodingKeys: String, CodingKey { case id, type, resource }
        init(from decoder: Decoder) throws {
            try check(decoder, ["id", "type", "resource"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            value = Identity(id: try c.decode(String.self, forKey: .id), kind: try c.decodeIfPresent(IdentityKind.self, forKey: .type) ?? .human,
                             resource: try c.decodeIfPresent(String.self, forKey: .resource), origin: origin(decoder))
        }
    }

    struct RawCredential: Decodable {
        let value: Credential
        enum CodingKeys: String, CodingKey { case id, of, mfa, storedIn = "stored_in", created, lastUsed = "last_used", expires }
        init(from decoder: Decoder) throws {
            try check(decoder, ["id", "of", "mfa", "stored_in", "created", "last_used", "expires"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            value = Credential(
                id: try c.decode(String.self, forKey: .id), of: try c.decode(String.self, forKey: .of),
                mfa: try c.decodeIfPresent(Bool.self, forKey: .mfa) ?? false,
                storedIn: try c.decodeIfPresent([String].self, forKey: .storedIn) ?? [],
                created: try instant(c.decodeIfPresent(String.self, forKey: .created)),
                lastUsed: try instant(c.decodeIfPresent(String.self, forKey: .lastUsed)),
                expires: try instant(c.decodeIfPresent(String.self, forKey: .expires)), origin: origin(decoder))
        }
    }

    struct RawGroup: Decodable {
        let value: Group
        enum CodingKeys: String, CodingKey { case id, members }
        init(from decoder: Decoder) throws {
            try check(decoder, ["id", "members"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            value = Group(id: try c.decode(String.self, forKey: .id), members: try c.decodeIfPresent([String].self, forKey: .members) ?? [],
                          origin: origin(decoder))
        }
    }

    struct RawStatement: Decodable {
        let value: Statement
        enum CodingKeys: String, CodingKey { case actions, resources, exceptActions = "except_actions", exceptResources = "except_resources" }
        init(from decoder: Decoder) throws {
            try check(decoder, ["actions", "resources", "except_actions", "except_resources"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            value = Statement(
                actions: try c.decodeIfPresent(StringOrList.self, forKey: .actions)?.items ?? [],
                resources: try c.decodeIfPresent(StringOrList.self, forKey: .resources)?.items ?? [],
                exceptActions: try c.decodeIfPresent(StringOrList.self, forKey: .exceptActions)?.items ?? [],
                exceptResources: try c.decodeIfPresent(StringOrList.self, forKey: .exceptResources)?.items ?? [],
                origin: origin(decoder))
        }
    }

    struct RawRole: Decodable {
        let value: Role
        enum CodingKeys: String, CodingKey { case id, allow, deny }
        init(from decoder: Decoder) throws {
            try check(decoder, ["id", "allow", "deny"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            value = Role(id: try c.decode(String.self, forKey: .id),
                         allow: try c.decodeIfPresent([RawStatement].self, forKey: .allow)?.map(\.value) ?? [],
                         deny: try c.decodeIfPresent([RawStatement].self, forKey: .deny)?.map(\.value) ?? [], origin: origin(decoder))
        }
    }

    struct RawGrant: Decodable {
        let value: Grant
        enum CodingKeys: String, CodingKey { case to, role, scope, reviewed }
        init(from decoder: Decoder) throws {
            try check(decoder, ["to", "role", "scope", "reviewed", "not_before", "expires", "approval", "mfa", "condition"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            value = Grant(to: try c.decode(String.self, forKey: .to), role: try c.decode(String.self, forKey: .role),
                          scope: try c.decodeIfPresent(String.self, forKey: .scope), terms: try RawTerms(from: decoder).terms,
                          reviewed: try instant(c.decodeIfPresent(String.self, forKey: .reviewed)), origin: origin(decoder))
        }
    }

    struct RawAssume: Decodable {
        let value: Assume
        enum CodingKeys: String, CodingKey { case from, to }
        init(from decoder: Decoder) throws {
            try check(decoder, ["from", "to", "not_before", "expires", "approval", "mfa", "condition"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            value = Assume(from: try c.decode(String.self, forKey: .from), to: try c.decode(String.self, forKey: .to),
                           terms: try RawTerms(from: decoder).terms, origin: origin(decoder))
        }
    }

    struct RawResource: Decodable {
        let value: Resource
        enum CodingKeys: String, CodingKey { case id, criticality }
        init(from decoder: Decoder) throws {
            try check(decoder, ["id", "criticality"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            value = Resource(id: try c.decode(String.self, forKey: .id),
                             criticality: try c.decodeIfPresent(Criticality.self, forKey: .criticality) ?? .low, origin: origin(decoder))
        }
    }

    struct RawEscalation: Decodable {
        struct RawRequirement: Decodable {
            let action: String
            let resource: String
            enum CodingKeys: String, CodingKey { case action, resource }
            init(from decoder: Decoder) throws {
                try check(decoder, ["action", "resource"])
                let c = try decoder.container(keyedBy: CodingKeys.self)
                action = try c.decode(String.self, forKey: .action)
                resource = try c.decode(String.self, forKey: .resource)
            }
        }

        let value: Escalation
        enum CodingKeys: String, CodingKey { case technique, requires, to, from }
        init(from decoder: Decoder) throws {
            try check(decoder, ["technique", "requires", "to", "from", "not_before", "expires", "approval", "mfa", "condition"])
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let requires = try c.decode([RawRequirement].self, forKey: .requires)
            value = Escalation(technique: try c.decode(String.self, forKey: .technique),
                               requires: requires.map { .init(action: $0.action, resource: $0.resource) },
                               to: try c.decode(String.self, forKey: .to), from: try c.decodeIfPresent(String.self, forKey: .from),
                               terms: try RawTerms(from: decoder).terms, origin: origin(decoder))
        }
    }
}
