import BlastCore

/// Which starts an assertion is about: every credential, every identity, the identities of one
/// kind, or the identities and credentials whose id matches a pattern.
public enum StartSelector: Sendable, Equatable, CustomStringConvertible {
    case credentials
    case identities
    case kind(IdentityKind)
    case ids(String)

    /// `credentials`, `identities`, `humans`, `services`, `agents`, `workloads`, or an id pattern.
    public init(_ text: String) {
        switch text {
        case "credentials": self = .credentials
        case "identities": self = .identities
        case "humans": self = .kind(.human)
        case "services": self = .kind(.service)
        case "agents": self = .kind(.agent)
        case "workloads": self = .kind(.workload)
        default: self = .ids(text)
        }
    }

    public var description: String {
        switch self {
        case .credentials: "credentials"
        case .identities: "identities"
        case .kind(let k): k.rawValue + "s"
        case .ids(let p): p
        }
    }

    /// Whether an identity is selected.
    func selects(_ identity: Identity) -> Bool {
        switch self {
        case .credentials: false
        case .identities: true
        case .kind(let k): identity.kind == k
        case .ids(let p): Pattern(p).matches(identity.id)
        }
    }

    /// Whether a credential is selected.
    func selects(_ credential: Credential) -> Bool {
        switch self {
        case .credentials: true
        case .identities, .kind: false
        case .ids(let p): Pattern(p).matches(credential.id)
        }
    }
}
