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
        for (id, kind) in sources {
            let b = (try? before.start(from: id, mfa: options.mfa)).map { [$0] } ?? []
            let a = (try? after.start(from: id, mfa: options.mfa)).map { [$0] } ?? []
            let d = RadiusDiff(before: before.radius(from: b, options: options), after: after.radius(from: a, options: options))
            if d.changed { changes.append(Change(id: id, kind: kind, diff: d)) }
        }
        changes.sort { x, y in
            let kx = [x.escalations, x.criticalGains, x.diff.gained.count], ky = [y.escalations, y.criticalGains, y.diff.gained.count]
            return kx != ky ? kx.lexicographicallyPrecedes(ky, by: >) : x.id < y.id
        }
        self.changes = changes
    }

    /// Whether some source gains standing reach to a critical resource: what `--fail-on-gain` gates on.
    public var addsCriticalReach: Bool { changes.contains { $0.criticalGains > 0 } }
}
