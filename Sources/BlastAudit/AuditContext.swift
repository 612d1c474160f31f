import BlastCore

/// Everything an audit's rules read: the compiled model, the settings, optional usage records and
/// suppressions, and each identity's radius (computed once, shared by the rules).
public struct AuditContext: Sendable {
    public let graph: AccessGraph
    public let settings: AuditSettings
    /// Recorded uses; nil when no usage file was given (`lp.unused-permission` is then silent).
    public let usage: [UsageRecord]?
    public let suppressions: [Suppression]
    /// Per identity (by index): its standing radius from a session without MFA.
    public let identityRadii: [Radius]

    /// Computes every identity's standing radius at `settings.at`.
    /// - Complexity: I radius searches, O(I · (S · v + M)).
    public init(graph: AccessGraph, settings: AuditSettings, usage: [UsageRecord]? = nil, suppressions: [Suppression] = []) {
        self.graph = graph
        self.settings = settings
        self.usage = usage
        self.suppressions = suppressions
        let options = QueryOptions(at: settings.at)
        identityRadii = graph.identityIDs.map {
            graph.radius(from: .session(Session(identity: $0, mfa: false)), options: options)
        }
    }

    /// The query options rules use: standing access, no MFA, at the audit's instant.
    public var options: QueryOptions { QueryOptions(at: settings.at) }

    /// The standing radius of a credential.
    /// - Complexity: one radius search.
    public func radius(of credential: CredentialID) -> Radius {
        graph.radius(from: .credential(credential), options: options)
    }

    /// The radius of an identity (no MFA).
    public func radius(of identity: IdentityID) -> Radius { identityRadii[identity.index] }
}
