extension AccessGraph {
    /// Where a question starts: a credential (its identity with its MFA bit) or an identity session.
    public enum Start: Sendable, Hashable {
        case credential(CredentialID)
        case session(Session)
    }

    /// Turns a `--from` id into a start; identities use `mfa` for their session.
    public func start(from id: String, mfa: Bool) throws(QueryError) -> Start {
        switch try resolve(id) {
        case .credential(let c): return .credential(c)
        case .identity(let i): return .session(Session(identity: i, mfa: mfa))
        case let other:
            throw QueryError(.wrongKind, "'\(id)' is \(kind(of: other).withArticle); start from a credential or an identity")
        }
    }

    @inlinable public func state(of credential: CredentialID) -> SearchState {
        SearchState(UInt32(identityCount * 2) + credential.rawValue)
    }

    public func state(of start: Start) -> SearchState {
        switch start {
        case .credential(let c): state(of: c)
        case .session(let s): s.state
        }
    }

    /// Sessions, credentials and grant states together.
    public var stateCount: Int { identityCount * 2 + credentials.count + grants.count }

    public func credential(ofState state: SearchState) -> CredentialID? {
        let base = UInt32(identityCount * 2)
        return state.rawValue >= base && state.rawValue < base + UInt32(credentials.count) ? CredentialID(state.rawValue - base) : nil
    }

    /// The state shared by every session using `grant` for its reveals and takeovers.
    public func state(of grant: GrantID) -> SearchState { SearchState(UInt32(identityCount * 2 + credentials.count) + grant.rawValue) }

    public func grant(ofState state: SearchState) -> GrantID? {
        let base = UInt32(identityCount * 2 + credentials.count)
        return state.rawValue >= base ? GrantID(state.rawValue - base) : nil
    }

    /// Whether a state is an identity session.
    public func isSession(_ state: SearchState) -> Bool { state.rawValue < UInt32(identityCount * 2) }

    public func session(ofState state: SearchState) -> Session {
        Session(identity: IdentityID(state.rawValue / 2), mfa: state.rawValue % 2 == 1)
    }
}
