import BlastCore
import Foundation

/// Native JSON files decoded straight into the `RawModelFile` shapes with Foundation's
/// `JSONDecoder`: strict about unknown keys and shapes, and fast on large (generated or exported)
/// models.
///
/// It reports no line numbers, so whenever decoding or mapping fails the caller re-reads the file
/// through the located YAML path (`init(parsing:file:)`), whose errors name the line. Element
/// origins from this path name the file and key path (`grants[3]`); scalars carry no place.
extension RawModelFile: Decodable {
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
    init(json text: String, file: String) throws {
        let decoder = JSONDecoder()
        decoder.userInfo[JSONSupport.fileKey] = file
        self = try decoder.decode(RawModelFile.self, from: Data(text.utf8))
    }

    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        guard try c.decode(Int.self, forKey: .version) == 1 else { throw JSONSupport.BadValue() }
        identities = try c.decodeIfPresent([Identity].self, forKey: .identities) ?? []
        credentials = try c.decodeIfPresent([Credential].self, forKey: .credentials) ?? []
        groups = try c.decodeIfPresent([Group].self, forKey: .groups) ?? []
        roles = try c.decodeIfPresent([Role].self, forKey: .roles) ?? []
        grants = try c.decodeIfPresent([Grant].self, forKey: .grants) ?? []
        assumes = try c.decodeIfPresent([Assume].self, forKey: .assumes) ?? []
        resources = try c.decodeIfPresent([Resource].self, forKey: .resources) ?? []
        escalations = try c.decodeIfPresent([Escalation].self, forKey: .escalations) ?? []
        takeoverActions = try c.strings(.takeoverActions)
        revealActions = try c.strings(.revealActions)
    }
}

extension RawModelFile.Identity: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        id = try c.string(.id)
        type = try c.string(ifPresent: .type)
        resource = try c.string(ifPresent: .resource)
        at = JSONSupport.origin(decoder)
    }
}

extension RawModelFile.Credential: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        id = try c.string(.id)
        of = try c.string(.of)
        mfa = try c.bool(ifPresent: .mfa)
        storedIn = try c.strings(.storedIn) ?? []
        created = try c.string(ifPresent: .created)
        lastUsed = try c.string(ifPresent: .lastUsed)
        expires = try c.string(ifPresent: .expires)
        at = JSONSupport.origin(decoder)
    }
}

extension RawModelFile.Group: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        id = try c.string(.id)
        members = try c.strings(.members) ?? []
        at = JSONSupport.origin(decoder)
    }
}

extension RawModelFile.Role: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        id = try c.string(.id)
        allow = try c.decodeIfPresent([RawModelFile.Statement].self, forKey: .allow) ?? []
        deny = try c.decodeIfPresent([RawModelFile.Statement].self, forKey: .deny) ?? []
        at = JSONSupport.origin(decoder)
    }
}

extension RawModelFile.Statement: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        actions = try c.decodeIfPresent(RawModelFile.StringOrList.self, forKey: .actions)?.items ?? []
        resources = try c.decodeIfPresent(RawModelFile.StringOrList.self, forKey: .resources)?.items ?? []
        exceptActions = try c.decodeIfPresent(RawModelFile.StringOrList.self, forKey: .exceptActions)?.items ?? []
        exceptResources = try c.decodeIfPresent(RawModelFile.StringOrList.self, forKey: .exceptResources)?.items ?? []
        at = JSONSupport.origin(decoder)
    }
}

extension RawModelFile.StringOrList: Decodable {
    /// A list or a single string (`"actions": "read"`).
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            items = [RawScalar(json: s)]
        } else {
            items = try c.decode([String].self).map(RawScalar.init(json:))
        }
    }
}

extension RawModelFile.Terms {
    /// The conditions of a grant, an assume or an escalation, read from the element's own keys.
    init<Key: RawModelFile.TermsKey & CodingKey>(json decoder: Decoder, _ keys: Key.Type) throws {
        let c = try decoder.container(keyedBy: Key.self)
        notBefore = try c.string(ifPresent: .notBefore)
        expires = try c.string(ifPresent: .expires)
        approval = try c.bool(ifPresent: .approval)
        mfa = try c.bool(ifPresent: .mfa)
        condition = try c.string(ifPresent: .condition)
    }
}

extension RawModelFile.Grant: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        to = try c.string(.to)
        role = try c.string(.role)
        scope = try c.string(ifPresent: .scope)
        terms = try RawModelFile.Terms(json: decoder, Key.self)
        reviewed = try c.string(ifPresent: .reviewed)
        at = JSONSupport.origin(decoder)
    }
}

extension RawModelFile.Assume: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        from = try c.string(.from)
        to = try c.string(.to)
        terms = try RawModelFile.Terms(json: decoder, Key.self)
        at = JSONSupport.origin(decoder)
    }
}

extension RawModelFile.Resource: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        id = try c.string(.id)
        criticality = try c.string(ifPresent: .criticality)
        at = JSONSupport.origin(decoder)
    }
}

extension RawModelFile.Escalation: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        technique = try c.string(.technique)
        requires = try c.decode([RawModelFile.Requirement].self, forKey: .requires)
        to = try c.string(.to)
        from = try c.string(ifPresent: .from)
        terms = try RawModelFile.Terms(json: decoder, Key.self)
        at = JSONSupport.origin(decoder)
    }
}

extension RawModelFile.Requirement: Decodable {
    init(from decoder: Decoder) throws {
        try JSONSupport.check(decoder, Key.self)
        let c = try decoder.container(keyedBy: Key.self)
        action = try c.string(.action)
        resource = try c.string(.resource)
    }
}

extension RawScalar {
    /// Where the JSON path puts scalars: nowhere (its errors are never shown; the YAML path re-reads).
    private static let unplaced = SourceLocation(file: "", keyPath: "")

    /// A JSON string: quoted, so never a boolean.
    init(json text: String) {
        self.init(text: text, isPlain: false, at: Self.unplaced)
    }

    /// A JSON boolean, as YAML reads `true` and `false` written without quotes.
    init(json value: Bool) {
        self.init(text: value ? "true" : "false", isPlain: true, at: Self.unplaced)
    }
}

extension KeyedDecodingContainer {
    /// A JSON string (a number or a boolean is refused, as before: the YAML path reads those).
    fileprivate func string(_ key: Key) throws -> RawScalar {
        RawScalar(json: try decode(String.self, forKey: key))
    }

    fileprivate func string(ifPresent key: Key) throws -> RawScalar? {
        try decodeIfPresent(String.self, forKey: key).map(RawScalar.init(json:))
    }

    fileprivate func bool(ifPresent key: Key) throws -> RawScalar? {
        try decodeIfPresent(Bool.self, forKey: key).map(RawScalar.init(json:))
    }

    fileprivate func strings(_ key: Key) throws -> [RawScalar]? {
        try decodeIfPresent([String].self, forKey: key)?.map(RawScalar.init(json:))
    }
}

/// What the JSON path shares: the file name it is told, the unknown-key check and element origins.
private enum JSONSupport {
    static let fileKey = CodingUserInfoKey(rawValue: "blast.file")!

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct UnknownKey: Error {}
    struct BadValue: Error {}

    /// Throws when the object holds a key outside `Key`.
    static func check<Key: SchemaKey>(_ decoder: Decoder, _ keys: Key.Type) throws {
        for k in try decoder.container(keyedBy: AnyKey.self).allKeys where Key(rawValue: k.stringValue) == nil { throw UnknownKey() }
    }

    static func origin(_ decoder: Decoder) -> SourceLocation {
        let file = decoder.userInfo[fileKey] as? String ?? ""
        var path = ""
        for k in decoder.codingPath {
            if let i = k.intValue { path += "[\(i)]" } else { path += path.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return SourceLocation(file: file, line: nil, keyPath: path)
    }
}
