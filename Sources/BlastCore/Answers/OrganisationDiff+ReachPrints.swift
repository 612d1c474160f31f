/// A fingerprint of what each source of one graph reaches, standing and with approvals, comparable
/// across graphs: how many resources, and two sums of per-id hashes.
///
/// Both passes are `rank`'s (`AccessGraph.reachPass`): every source at once, one union per strongly
/// connected component, instead of one search per source. Two reach sets of equal prints are the
/// same set of resource ids but for a hash collision of both 40-bit sums at once (about 2⁻⁸⁰ per
/// pair of sets; the hashes are seeded per process, so no input can aim at one).
struct ReachPrints {
    /// Resource count and the two hash sums of the standing reach, then of the reach with approvals.
    struct Print: Equatable {
        var standing: [UInt64] = [0, 0, 0]
        var approved: [UInt64] = [0, 0, 0]
    }

    private let graph: AccessGraph
    private let standing: AccessGraph.ReachFigures
    private let approved: AccessGraph.ReachFigures
    private let options: QueryOptions

    /// The prints of the sources named in `ids`.
    /// - Complexity: two of rank's reach passes over `graph`.
    init(_ graph: AccessGraph, ids: Set<String>, options: QueryOptions) {
        self.graph = graph
        self.options = options
        var count: [UInt64] = [0], first: [UInt64] = [0], second: [UInt64] = [0]
        for r in graph.resources {
            count.append(count.last! + 1)
            first.append(first.last! + Self.hash(r.id, salt: 1))
            second.append(second.last! + Self.hash(r.id, salt: 2))
        }
        var sources = [Bool](repeating: false, count: graph.stateCount)
        for id in ids {
            if let s = Self.state(of: id, in: graph, options) { sources[s] = true }
        }
        let clip = ClipIndex(IntervalSet())
        standing = graph.reachPass(options: options, sources: sources, prefixes: [count, first, second], clip: clip)
        var withApprovals = options
        withApprovals.withApprovals = true
        approved =
            options.withApprovals
            ? standing : graph.reachPass(options: withApprovals, sources: sources, prefixes: [count, first, second], clip: clip)
    }

    /// The print of a source; an id the graph lacks, or an expired credential, reaches nothing.
    /// - Complexity: O(1).
    func print(of id: String) -> Print {
        guard let s = Self.state(of: id, in: graph, options) else { return Print() }
        return Print(standing: standing.all(s), approved: approved.all(s))
    }

    /// The search state a radius from `id` starts at, if it starts anywhere.
    private static func state(of id: String, in graph: AccessGraph, _ options: QueryOptions) -> Int? {
        switch graph.element(named: id) {
        case .credential(let c)?: graph.credentials[c.index].isValid(at: options.at) ? graph.state(of: c).index : nil
        case .identity(let i)?: graph.state(of: .session(Session(identity: i, mfa: options.mfa))).index
        default: nil
        }
    }

    /// A 40-bit hash of a resource id: sums of a few million stay far from overflowing.
    private static func hash(_ id: String, salt: Int) -> UInt64 {
        var h = Hasher()
        h.combine(salt)
        h.combine(id)
        return UInt64(bitPattern: Int64(h.finalize())) >> 24
    }
}
