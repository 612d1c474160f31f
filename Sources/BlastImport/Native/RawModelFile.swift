import BlastCore
import Yams

/// A native model file as written: the schema's sections and keys, each value still the scalar
/// text written in the file, with its place.
///
/// Decoding checks shapes and keys only (unknown keys, missing required keys, a list where a
/// string belongs); `RawModelFile+Mapping.swift` then turns the values into a `Model`.
struct RawModelFile {
    var identities: [Identity]
    var credentials: [Credential]
    var groups: [Group]
    var roles: [Role]
    var grants: [Grant]
    var assumes: [Assume]
    var resources: [Resource]
    var escalations: [Escalation]
    /// `takeover_actions`; nil when the file does not set it.
    var takeoverActions: [RawScalar]?
    /// `reveal_actions`; nil when the file does not set it.
    var revealActions: [RawScalar]?

    /// The top-level keys.
    enum Key: String, SchemaKey, CodingKey {
        case version, identities, credentials, groups, roles, grants, assumes, resources, escalations
        case takeoverActions = "takeover_actions", revealActions = "reveal_actions"
    }

    /// The only `version` this reader understands.
    static let version = "1"

    /// Parses `text` (YAML, or JSON as a YAML flow document) and decodes the one document in it.
    init(parsing text: String, file: String) throws(ImportError) {
        guard let document = try NodeReader.parse(text, file: file) else {
            throw ImportError(
                .emptyDocument, "the file holds no model; start it with `version: \(Self.version)`", file: file)
        }
        try self.init(document)
    }

    /// Decodes a document: `version` first, then the sections; absent sections are empty.
    init(_ document: NodeReader) throws(ImportError) {
        let fields = try document.mapping(Key.self)
        guard let versionNode = fields[.version] else {
            throw ImportError(
                .missingKey, "missing 'version: \(Self.version)'; add it as the first line of the file",
                at: document.location)
        }
        let version = try versionNode.scalar()
        guard version.text == Self.version else {
            throw ImportError(
                .unsupportedVersion,
                "unsupported version \(quoted(version.text)); this blast reads model files of version \(Self.version)",
                at: version.at)
        }
        try self.init(sections: fields)
    }

    /// A patch's `add:` part: the model sections without `version`.
    init(fragment: NodeReader) throws(ImportError) {
        let fields = try fragment.mapping(Key.self)
        if let v = fields[.version] {
            throw ImportError(.unknownKey, "'version' belongs at the top of the patch, not inside 'add'", at: v.location)
        }
        for key in [Key.takeoverActions, .revealActions] {
            if let v = fields[key] {
                throw ImportError(.unknownKey, "a patch cannot change '\(key.rawValue)'; edit the model file", at: v.location)
            }
        }
        try self.init(sections: fields)
    }

    private init(sections fields: Fields<Key>) throws(ImportError) {
        try fields.rejectUnknownKeys()
        identities = try fields[.identities]?.list(Identity.init) ?? []
        credentials = try fields[.credentials]?.list(Credential.init) ?? []
        groups = try fields[.groups]?.list(Group.init) ?? []
        roles = try fields[.roles]?.list(Role.init) ?? []
        grants = try fields[.grants]?.list(Grant.init) ?? []
        assumes = try fields[.assumes]?.list(Assume.init) ?? []
        resources = try fields[.resources]?.list(Resource.init) ?? []
        escalations = try fields[.escalations]?.list(Escalation.init) ?? []
        takeoverActions = try fields[.takeoverActions]?.scalars()
        revealActions = try fields[.revealActions]?.scalars()
    }

    /// An entry of `identities`.
    struct Identity {
        var id: RawScalar
        var type: RawScalar?
        var resource: RawScalar?
        var at: SourceLocation

        enum Key: String, SchemaKey, CodingKey { case id, type, resource }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            id = try fields.required(.id, "identity id").scalar()
            type = try fields[.type]?.scalar()
            resource = try fields[.resource]?.scalar()
            at = reader.location
        }
    }

    /// An entry of `credentials`.
    struct Credential {
        var id: RawScalar
        var of: RawScalar
        var mfa: RawScalar?
        var storedIn: [RawScalar]
        var created: RawScalar?
        var lastUsed: RawScalar?
        var expires: RawScalar?
        var at: SourceLocation

        enum Key: String, SchemaKey, CodingKey {
            case id, of, mfa, storedIn = "stored_in", created, lastUsed = "last_used", expires
        }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            id = try fields.required(.id, "credential id").scalar()
            of = try fields.required(.of, "identity id").scalar()
            mfa = try fields[.mfa]?.scalar()
            storedIn = try fields[.storedIn]?.scalars() ?? []
            created = try fields[.created]?.scalar()
            lastUsed = try fields[.lastUsed]?.scalar()
            expires = try fields[.expires]?.scalar()
            at = reader.location
        }
    }

    /// An entry of `groups`.
    struct Group {
        var id: RawScalar
        var members: [RawScalar]
        var at: SourceLocation

        enum Key: String, SchemaKey, CodingKey { case id, members }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            id = try fields.required(.id, "group id").scalar()
            members = try fields[.members]?.scalars() ?? []
            at = reader.location
        }
    }

    /// An entry of `roles`.
    struct Role {
        var id: RawScalar
        var allow: [Statement]
        var deny: [Statement]
        var at: SourceLocation

        enum Key: String, SchemaKey, CodingKey { case id, allow, deny }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            id = try fields.required(.id, "role id").scalar()
            allow = try fields[.allow]?.list(Statement.init) ?? []
            deny = try fields[.deny]?.list(Statement.init) ?? []
            at = reader.location
        }
    }

    /// An entry of a role's `allow` or `deny`.
    struct Statement {
        var actions: [RawScalar]
        var resources: [RawScalar]
        var exceptActions: [RawScalar]
        var exceptResources: [RawScalar]
        var at: SourceLocation

        enum Key: String, SchemaKey, CodingKey {
            case actions, resources, exceptActions = "except_actions", exceptResources = "except_resources"
        }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            actions = try fields[.actions].map(StringOrList.init)?.items ?? []
            resources = try fields[.resources].map(StringOrList.init)?.items ?? []
            exceptActions = try fields[.exceptActions].map(StringOrList.init)?.items ?? []
            exceptResources = try fields[.exceptResources].map(StringOrList.init)?.items ?? []
            at = reader.location
        }
    }

    /// The AWS quirk "a string or a list of strings": `actions: read` means `actions: [read]`.
    struct StringOrList {
        var items: [RawScalar]

        init(_ reader: NodeReader) throws(ImportError) {
            if case .scalar = reader.node {
                items = [try reader.scalar()]
            } else {
                items = try reader.scalars()
            }
        }
    }

    /// The keys of the conditions shared by `grants` and `assumes`.
    protocol TermsKey: SchemaKey {
        static var notBefore: Self { get }
        static var expires: Self { get }
        static var approval: Self { get }
        static var mfa: Self { get }
        static var condition: Self { get }
    }

    /// `not_before`, `expires`, `approval` and `mfa` of a grant or an assume.
    struct Terms {
        var notBefore: RawScalar?
        var expires: RawScalar?
        var approval: RawScalar?
        var mfa: RawScalar?
        var condition: RawScalar?

        init<Key: TermsKey>(_ fields: Fields<Key>) throws(ImportError) {
            notBefore = try fields[.notBefore]?.scalar()
            expires = try fields[.expires]?.scalar()
            approval = try fields[.approval]?.scalar()
            mfa = try fields[.mfa]?.scalar()
            condition = try fields[.condition]?.scalar()
        }
    }

    /// An entry of `grants`.
    struct Grant {
        var to: RawScalar
        var role: RawScalar
        var scope: RawScalar?
        var terms: Terms
        var reviewed: RawScalar?
        var at: SourceLocation

        enum Key: String, TermsKey, CodingKey {
            case to, role, scope, notBefore = "not_before", expires, approval, mfa, condition, reviewed
        }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            to = try fields.required(.to, "identity or group id").scalar()
            role = try fields.required(.role, "role id").scalar()
            scope = try fields[.scope]?.scalar()
            terms = try Terms(fields)
            reviewed = try fields[.reviewed]?.scalar()
            at = reader.location
        }
    }

    /// An entry of `assumes`.
    struct Assume {
        var from: RawScalar
        var to: RawScalar
        var terms: Terms
        var at: SourceLocation

        enum Key: String, TermsKey, CodingKey {
            case from, to, notBefore = "not_before", expires, approval, mfa, condition
        }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            from = try fields.required(.from, "identity or group id").scalar()
            to = try fields.required(.to, "identity id").scalar()
            terms = try Terms(fields)
            at = reader.location
        }
    }

    /// An entry of `resources`.
    struct Resource {
        var id: RawScalar
        var criticality: RawScalar?
        var at: SourceLocation

        enum Key: String, SchemaKey, CodingKey { case id, criticality }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            id = try fields.required(.id, "resource id").scalar()
            criticality = try fields[.criticality]?.scalar()
            at = reader.location
        }
    }

    /// An entry of `escalations`.
    struct Escalation {
        var technique: RawScalar
        var requires: [Requirement]
        var to: RawScalar
        var from: RawScalar?
        var terms: Terms
        var at: SourceLocation

        enum Key: String, TermsKey, CodingKey {
            case technique, requires, to, from, notBefore = "not_before", expires, approval, mfa, condition
        }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            technique = try fields.required(.technique, "technique id").scalar()
            requires = try fields.required(.requires, "list of {action, resource}").list(Requirement.init)
            to = try fields.required(.to, "identity id").scalar()
            from = try fields[.from]?.scalar()
            terms = try Terms(fields)
            at = reader.location
        }
    }

    /// An entry of an escalation's `requires`.
    struct Requirement {
        var action: RawScalar
        var resource: RawScalar

        enum Key: String, SchemaKey, CodingKey { case action, resource }

        init(_ reader: NodeReader) throws(ImportError) {
            let fields = try reader.fields(Key.self)
            action = try fields.required(.action, "concrete action").scalar()
            resource = try fields.required(.resource, "resource id").scalar()
        }
    }
}
