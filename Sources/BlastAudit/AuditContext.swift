import BlastCore
import Dispatch
import Synchronization

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
    /// Work shared by the credential radii the rules ask for.
    private let workspace: Workspace

    /// Computes every identity's standing radius at `settings.at`, in parallel over chunks of
    /// identities, each chunk sharing its per-policy work between its radii. Only standing
    /// access is searched: no rule reads what approvals would add.
    /// - Complexity: I radius searches, O(I · (S · v + M)), spread over the cores.
    public init(graph: AccessGraph, settings: AuditSettings, usage: [UsageRecord]? = nil, suppressions: [Suppression] = []) {
        self.graph = graph
        self.settings = settings
        self.usage = usage
        self.suppressions = suppressions
        workspace = Workspace()
        let options = QueryOptions(at: settings.at)
        let ids = graph.identityIDs
        let chunk = 256
        let chunks = (ids.count + chunk - 1) / chunk
        let results = Mutex<[[Radius]]>(Array(repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            var space = RadiusWorkspace(keepingSessions: true)
            var part: [Radius] = []
            for i in ids[k * chunk..<min(ids.count, (k + 1) * chunk)] {
                part.append(
                    graph.radius(
                        from: [.session(Session(identity: i, mfa: false))], options: options, eligible: false, unmatched: false, workspace: &space))
            }
            results.withLock { $0[k] = part }
        }
        identityRadii = results.withLock { $0.flatMap { $0 } }
    }

    /// The query options rules use: standing access, no MFA, at the audit's instant.
    public var options: QueryOptions { QueryOptions(at: settings.at) }

    /// The standing radius of a credential (what approvals would add is not searched).
    /// - Complexity: one radius search.
    public func radius(of credential: CredentialID) -> Radius {
        workspace.space.withLock { graph.radius(from: [.credential(credential)], options: options, eligible: false, unmatched: false, workspace: &$0) }
    }

    /// The radius of an identity (no MFA).
    public func radius(of identity: IdentityID) -> Radius { identityRadii[identity.index] }

    private final class Workspace: Sendable {
        let space = Mutex(RadiusWorkspace(keepingSessions: true))
    }
}
