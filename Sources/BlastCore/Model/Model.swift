/// The plain, validated description of an organisation: who acts, what can leak, who holds which
/// permissions on which terms, and which resources exist.
///
/// A `Model` is what every loader produces (native YAML/JSON, and later AWS and Kubernetes) and what
/// `AccessGraph.compile(_:)` turns into the engine's frozen form. It holds values only: no I/O.
public struct Model: Sendable, Equatable {
    public var identities: [Identity]
    public var credentials: [Credential]
    public var groups: [Group]
    public var roles: [Role]
    public var grants: [Grant]
    public var assumes: [Assume]
    public var resources: [Resource]
    /// Multi-permission moves: a session allowed every requirement becomes another identity.
    public var escalations: [Escalation]
    /// Concrete actions that, allowed on an identity's `resource`, let a session become that identity.
    public var takeoverActions: [String]
    /// Concrete actions that, allowed on a resource holding a credential copy, reveal the credential.
    public var revealActions: [String]

    public static let defaultTakeoverActions = ["credentials:create", "impersonate"]
    public static let defaultRevealActions = ["read"]

    public init(
        identities: [Identity] = [], credentials: [Credential] = [], groups: [Group] = [],
        roles: [Role] = [], grants: [Grant] = [], assumes: [Assume] = [], resources: [Resource] = [],
        escalations: [Escalation] = [],
        takeoverActions: [String] = Model.defaultTakeoverActions,
        revealActions: [String] = Model.defaultRevealActions
    ) {
        self.identities = identities
        self.credentials = credentials
        self.groups = groups
        self.roles = roles
        self.grants = grants
        self.assumes = assumes
        self.resources = resources
        self.escalations = escalations
        self.takeoverActions = takeoverActions
        self.revealActions = revealActions
    }
}

/// Where a model element was declared: the file, the line (1-based, when the parser gives it) and
/// the key path inside the document (`grants[3].role`). Carried into every edge so answers can
/// say why an edge exists.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var keyPath: String

    public init(file: String, line: Int? = nil, keyPath: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
    }

    /// `acme.yaml:42`, or `acme.yaml` without a line.
    public var place: String { line.map { "\(file):\($0)" } ?? file }

    /// `acme.yaml:42 (grants[3])`, or `acme.yaml (grants[3])` without a line.
    public var description: String {
        keyPath.isEmpty ? place : "\(place) (\(keyPath))"
    }

    /// A message about what is written here, the way compilers print one:
    /// `acme.yaml:42: error: grants[3].expires: message` (`acme.yaml:42:7: …` with a column; no key
    /// path part when the path is empty). Every located `file:line: key: message` goes through here.
    public func diagnostic(_ message: String, severity: String = "error", column: Int? = nil) -> String {
        var at = place
        if line != nil, let column { at += ":\(column)" }
        return "\(at): \(severity): " + (keyPath.isEmpty ? "" : "\(keyPath): ") + message
    }
}

/// Who acts in the organisation.
public enum IdentityKind: String, Sendable, CaseIterable, Codable {
    case human, service, agent, workload
}

/// How much a resource matters; drives colours, ranking and audit severities.
public enum Criticality: String, Sendable, CaseIterable, Codable, Comparable {
    case critical, high, medium, low

    /// Higher is more critical.
    public var rank: Int {
        switch self {
        case .critical: 3
        case .high: 2
        case .medium: 1
        case .low: 0
        }
    }

    public static func < (lhs: Criticality, rhs: Criticality) -> Bool { lhs.rank < rhs.rank }
}

public struct Identity: Sendable, Equatable {
    public var id: String
    public var kind: IdentityKind
    /// The resource that stands for this identity; a takeover action on it yields the identity.
    public var resource: String?
    public var origin: SourceLocation?

    public init(id: String, kind: IdentityKind = .human, resource: String? = nil, origin: SourceLocation? = nil) {
        self.id = id
        self.kind = kind
        self.resource = resource
        self.origin = origin
    }
}

public struct Credential: Sendable, Equatable {
    public var id: String
    /// The identity one acts as with this credential.
    public var of: String
    /// Whether a session started from this credential counts as MFA-authenticated.
    public var mfa: Bool
    /// Resources holding a copy (wiki pages, chat channels, tickets).
    public var storedIn: [String]
    public var created: Instant?
    public var lastUsed: Instant?
    public var expires: Instant?
    public var origin: SourceLocation?

    public init(
        id: String, of: String, mfa: Bool = false, storedIn: [String] = [],
        created: Instant? = nil, lastUsed: Instant? = nil, expires: Instant? = nil, origin: SourceLocation? = nil
    ) {
        self.id = id
        self.of = of
        self.mfa = mfa
        self.storedIn = storedIn
        self.created = created
        self.lastUsed = lastUsed
        self.expires = expires
        self.origin = origin
    }

    /// A credential is usable at `at` unless it has expired (`expires <= at`).
    public func isValid(at: Instant) -> Bool {
        guard let expires else { return true }
        return at < expires
    }
}

public struct Group: Sendable, Equatable {
    public var id: String
    /// Identities or groups; nesting is allowed and cycles are tolerated.
    public var members: [String]
    public var origin: SourceLocation?

    public init(id: String, members: [String] = [], origin: SourceLocation? = nil) {
        self.id = id
        self.members = members
        self.origin = origin
    }
}

/// One allow or deny statement: action patterns on resource patterns.
///
/// `exceptActions` and `exceptResources` carve exceptions out of the statement (AWS `NotAction`,
/// `NotResource`): it applies to an action matched by some `actions` pattern and by no
/// `exceptActions` pattern, on a resource covered by some `resources` pattern and by no
/// `exceptResources` pattern (coverage includes everything below a matched id, as for `resources`).
public struct Statement: Sendable, Equatable {
    public var actions: [String]
    public var resources: [String]
    /// Actions the statement does not apply to, though `actions` match them.
    public var exceptActions: [String]
    /// Resources (and everything below them) the statement does not apply to.
    public var exceptResources: [String]
    public var origin: SourceLocation?

    public init(
        actions: [String], resources: [String], exceptActions: [String] = [], exceptResources: [String] = [],
        origin: SourceLocation? = nil
    ) {
        self.actions = actions
        self.resources = resources
        self.exceptActions = exceptActions
        self.exceptResources = exceptResources
        self.origin = origin
    }
}

public struct Role: Sendable, Equatable {
    public var id: String
    public var allow: [Statement]
    public var deny: [Statement]
    public var origin: SourceLocation?

    public init(id: String, allow: [Statement] = [], deny: [Statement] = [], origin: SourceLocation? = nil) {
        self.id = id
        self.allow = allow
        self.deny = deny
        self.origin = origin
    }
}

/// The conditions under which a grant or an assume may be used.
public struct Terms: Sendable, Equatable, Hashable {
    public var notBefore: Instant?
    public var expires: Instant?
    /// Just-in-time: usable only once someone approves.
    public var approval: Bool
    /// Usable only in a session with MFA.
    public var mfa: Bool
    /// A condition the engine does not evaluate (an AWS policy condition such as
    /// `aws:SourceIp IpAddress 10.0.0.0/8`): the edge is followed, and paths show it as conditional.
    public var condition: String?

    public init(
        notBefore: Instant? = nil, expires: Instant? = nil, approval: Bool = false, mfa: Bool = false,
        condition: String? = nil
    ) {
        self.notBefore = notBefore
        self.expires = expires
        self.approval = approval
        self.mfa = mfa
        self.condition = condition
    }

    public static let standing = Terms()

    /// Active when `not_before <= at < expires`.
    public func isActive(at: Instant) -> Bool {
        if let notBefore, at < notBefore { return false }
        if let expires, !(at < expires) { return false }
        return true
    }
}

public struct Grant: Sendable, Equatable {
    /// An identity or a group.
    public var to: String
    public var role: String
    /// When set, the role applies only to resources at or below this id.
    public var scope: String?
    public var terms: Terms
    /// Last access review.
    public var reviewed: Instant?
    public var origin: SourceLocation?

    public init(
        to: String, role: String, scope: String? = nil, terms: Terms = .standing,
        reviewed: Instant? = nil, origin: SourceLocation? = nil
    ) {
        self.to = to
        self.role = role
        self.scope = scope
        self.terms = terms
        self.reviewed = reviewed
        self.origin = origin
    }
}

/// `from` (an identity, or every member of a group) may act as the identity `to`.
public struct Assume: Sendable, Equatable {
    public var from: String
    public var to: String
    public var terms: Terms
    public var origin: SourceLocation?

    public init(from: String, to: String, terms: Terms = .standing, origin: SourceLocation? = nil) {
        self.from = from
        self.to = to
        self.terms = terms
        self.origin = origin
    }
}

public struct Resource: Sendable, Equatable {
    /// `/` makes a hierarchy: `prod/db` is below `prod`.
    public var id: String
    public var criticality: Criticality
    public var origin: SourceLocation?

    public init(id: String, criticality: Criticality = .low, origin: SourceLocation? = nil) {
        self.id = id
        self.criticality = criticality
        self.origin = origin
    }
}

/// A named privilege-escalation technique as data: a session that may do every required concrete
/// action on its resource (the `can` rule, deny wins) becomes the identity `to`, without MFA
/// unless the technique's terms require MFA.
///
/// Importers generate these (an AWS PassRole-and-run technique, a Kubernetes pod creation that
/// mounts a service account); hand-written models may use them too.
public struct Escalation: Sendable, Equatable {
    /// One permission the technique needs.
    public struct Requirement: Sendable, Equatable, Hashable {
        public var action: String
        /// A declared resource id.
        public var resource: String

        public init(action: String, resource: String) {
            self.action = action
            self.resource = resource
        }
    }

    /// The technique's stable id, named in every path that uses it (`iam-createaccesskey`).
    public var technique: String
    /// All must be allowed to the same session.
    public var requires: [Requirement]
    /// The identity the technique yields.
    public var to: String
    /// When set (an identity or a group), only sessions of that identity, or of a member of that
    /// group, may use the technique: a self-escalation (`iam:PutUserPolicy` on one's own user)
    /// helps nobody else. Nil: any session allowed every requirement.
    public var from: String?
    /// When the technique may be used, as for an assume: with `mfa: true` only an MFA session may
    /// use it and the identity is reached with MFA (an MFA-gated `sts:AssumeRole`).
    public var terms: Terms
    public var origin: SourceLocation?

    public init(
        technique: String, requires: [Requirement], to: String, from: String? = nil, terms: Terms = .standing,
        origin: SourceLocation? = nil
    ) {
        self.technique = technique
        self.requires = requires
        self.to = to
        self.from = from
        self.terms = terms
        self.origin = origin
    }
}
