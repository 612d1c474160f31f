/// Whether a start is a credential or an identity.
public enum SourceKind: String, Sendable, Hashable {
    case credential
    case identity
}

/// The answer of `diff`: every credential and identity whose radius differs between two
/// versions of an organisation, the most alarming first, and whether the change trips the gate.
public struct OrganisationDiff: Sendable {
    /// One source whose radius changed.
    public struct Change: Sendable {
        public let id: String
        public let kind: SourceKind
        public let diff: RadiusDiff
        /// Gained resources reached through a new escalation path.
        public let escalations: Int
        /// Gained resources that are critical.
        public let criticalGains: Int

        init(id: String, kind: SourceKind, diff: RadiusDiff) {
            self.id = id
            self.kind = kind
            self.diff = diff
            escalations = diff.gained.filter(diff.isEscalation).count
            criticalGains = diff.gained.filter { diff.after.search.graph.resources[$0.resource.index].criticality == .critical }.count
        }
    }

    /// Sources with changed reach: most new escalation paths first, then most critical gains,
    /// then most gains, then by id.
    public let changes: [Change]
    public let options: QueryOptions
    /// The new version's graph (gains are paths in it).
    public let after: AccessGraph

    /// Sources searched one by one at most; past this, every source's reach is fingerprinted first.
    static let searchLimit = 256

    /// Compares the radius of every credential and identity of either graph (each started as it
    /// exists in that graph; absent means it starts nothing). Only sources whose radius can differ
    /// are searched: those that reach something the change touched (`DiffCandidates`), and when
    /// more than `searchLimit` do, only those whose reach fingerprint differs (`ReachPrints`).
    /// - Complexity: O(V + E) to find what the change touches; above the limit two of rank's
    ///   reach passes per graph; then one radius per remaining source in each graph.
    public init(before: AccessGraph, after: AccessGraph, options: QueryOptions) {
        let candidates = Self.candidates(before: before, after: after, options: options, searchLimit: Self.searchLimit)
        self.init(before: before, after: after, options: options, candidates: candidates)
    }

    /// The ids of the sources whose radius can differ (nil: every source's can).
    static func candidates(before: AccessGraph, after: AccessGraph, options: QueryOptions, searchLimit: Int) -> Set<String>? {
        let touching = DiffCandidates.sources(before: before, after: after)
        guard (touching?.count ?? Int.max) > searchLimit else { return touching }
        let ids = touching ?? Set([before, after].flatMap { g in g.credentials.map(\.id) + g.identities.map(\.id) })
        let (b, a) = (ReachPrints(before, ids: ids, options: options), ReachPrints(after, ids: ids, options: options))
        return ids.filter { b.print(of: $0) != a.print(of: $0) }
    }

    /// The diff with radii only for `candidates` (every source when nil).
    init(before: AccessGraph, after: AccessGraph, options: QueryOptions, candidates: Set<String>?) {
        self.options = options
        self.after = after
        var sources: [(String, SourceKind)] = []
        var seen: Set<String> = []
        for g in [before, after] {
            for c in g.credentials where candidates?.contains(c.id) ?? true && seen.insert(c.id).inserted {
                sources.append((c.id, .credential))
            }
            for i in g.identities where candidates?.contains(i.id) ?? true && seen.insert(i.id).inserted {
                sources.append((i.id, .identity))
            }
        }
        var changes: [Change] = []
        let radii = DiffRadii(before: before, after: after, options: options)
        let afterPosition = Self.positions(of: before, in: after)
        for (id, kind) in sources {
            let (rb, ra) = radii.radii(of: id)
            // Most candidates keep their reach: checked on positions before the diff's id sets are built.
            if Self.same(rb.resources, ra.resources, afterPosition) && Self.same(rb.eligible, ra.eligible, afterPosition) { continue }
            let d = RadiusDiff(before: rb, after: ra)
            if d.changed { changes.append(Change(id: id, kind: kind, diff: d)) }
        }
        changes.sort { x, y in
            let kx = [x.escalations, x.criticalGains, x.diff.gained.count], ky = [y.escalations, y.criticalGains, y.diff.gained.count]
            return kx != ky ? kx.lexicographicallyPrecedes(ky, by: >) : x.id < y.id
        }
        self.changes = changes
    }

    /// Per resource of `graph`, its position in `other` (-1 when `other` lacks it).
    /// - Complexity: O(R) lookups.
    private static func positions(of graph: AccessGraph, in other: AccessGraph) -> [Int32] {
        graph.resources.map { r in
            guard case .resource(let p)? = other.element(named: r.id) else { return -1 }
            return Int32(p.index)
        }
    }

    /// Whether two lists of reached resources, each in hierarchy order (`before` of the graph
    /// `afterPosition` maps from), hold the same resource ids.
    /// - Complexity: O(n).
    private static func same(_ before: [Radius.ReachedResource], _ after: [Radius.ReachedResource], _ afterPosition: [Int32]) -> Bool {
        before.count == after.count && zip(before, after).allSatisfy { afterPosition[$0.resource.index] == Int32($1.resource.index) }
    }

    /// Whether some source gains standing reach to a critical resource: what `--fail-on-gain` gates on.
    public var addsCriticalReach: Bool { changes.contains { $0.criticalGains > 0 } }
}
