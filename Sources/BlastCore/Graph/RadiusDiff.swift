/// Two radii compared by id: what a change cut, what survives (and by which path), what it adds.
///
/// The radii may come from different graphs (before and after a change), so resources and
/// identities are matched by id.
public struct RadiusDiff: Sendable {
    public let before: Radius
    public let after: Radius
    /// Reached before, not after (entries from `before`).
    public let lost: [Radius.ReachedResource]
    /// Reached before and after (entries from `after`, whose paths show the way that remains).
    public let kept: [Radius.ReachedResource]
    /// Reached after, not before (entries from `after`).
    public let gained: [Radius.ReachedResource]
    /// Eligible (reachable once approved) after but neither reached nor eligible before.
    public let gainedEligible: [Radius.ReachedResource]
    public let lostIdentities: [String]
    public let gainedIdentities: [String]

    /// - Complexity: O(r log r) in the sizes of the two radii.
    public init(before: Radius, after: Radius) {
        self.before = before
        self.after = after
        let bg = before.search.graph, ag = after.search.graph
        let beforeIDs = Set(before.resources.map { bg.resources[$0.resource.index].id })
        let afterIDs = Set(after.resources.map { ag.resources[$0.resource.index].id })
        lost = before.resources.filter { !afterIDs.contains(bg.resources[$0.resource.index].id) }
        kept = after.resources.filter { beforeIDs.contains(ag.resources[$0.resource.index].id) }
        gained = after.resources.filter { !beforeIDs.contains(ag.resources[$0.resource.index].id) }
        let beforeEligible = Set(before.eligible.map { bg.resources[$0.resource.index].id }).union(beforeIDs)
        gainedEligible = after.eligible.filter { !beforeEligible.contains(ag.resources[$0.resource.index].id) }
        let bi = Set(before.identities.map { bg.identities[$0.identity.index].id })
        let ai = Set(after.identities.map { ag.identities[$0.identity.index].id })
        lostIdentities = bi.subtracting(ai).sorted()
        gainedIdentities = ai.subtracting(bi).sorted()
    }

    /// Whether a gained resource's path uses a move beyond plain grants (a pivot, takeover,
    /// escalation or assume): a new escalation path.
    public func isEscalation(_ gain: Radius.ReachedResource) -> Bool {
        after.path(gain.proof).contains { [.pivot, .takeover, .escalate, .assume].contains($0.edge) }
    }

    public var changed: Bool { !lost.isEmpty || !gained.isEmpty || !gainedEligible.isEmpty }
}
