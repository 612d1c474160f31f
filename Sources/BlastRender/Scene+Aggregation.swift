import BlastCore

extension Scene {
    /// The scene with resources folded into one node per subtree when it holds more than
    /// `maxResources` of them, so that large answers stay legible.
    ///
    /// The source and highlighted resources are never folded. The others are grouped by their
    /// parent path (resource ids use `/` for hierarchy) cut at one depth for all: the deepest that
    /// keeps the unfolded resources plus one node per group within `maxResources`, and at least
    /// the top-level component (`prod`) even when that exceeds it. A group of one resource stays
    /// as it is. Each other group becomes an `.aggregate` node in place of its first member,
    /// labelled like "+137 under prod/logs", as critical as its most critical member,
    /// eligible-only when all its members are, in their cluster when they share one, with a
    /// tooltip counting its members per criticality.
    ///
    /// Edges to and from folded resources are redirected to their aggregate and merged, one per
    /// (from, to, kind) in order of first appearance: highlighted when any merged edge is, and
    /// approval-gated, MFA-gated, conditional, inactive, faded or removed only when all are (a
    /// fold is only as guarded as its least guarded member), added or blocked when any is, and
    /// labelled only when all say the same. Edges between two members of one fold are dropped.
    ///
    /// - Parameter maxResources: the most resource and aggregate nodes wanted; at least 1.
    /// - Returns: `self` when there are at most `maxResources` resources or nothing to fold.
    /// - Complexity: O(n log n + m) for n nodes and m edges, counting id comparisons and hashes
    ///   as constant.
    public func aggregatingResources(maxResources: Int) -> Scene {
        precondition(maxResources > 0, "aggregatingResources(maxResources:) needs a budget of at least 1 node, got \(maxResources)")
        let resourceIndices = nodes.indices.filter { nodes[$0].kind == .resource }
        guard resourceIndices.count > maxResources else { return self }

        var candidates =
            resourceIndices
            .filter { !nodes[$0].isSource && !nodes[$0].isHighlighted }
            .map { FoldCandidate(index: $0, parent: nodes[$0].id.split(separator: "/", omittingEmptySubsequences: false).dropLast()) }
        guard candidates.count > 1 else { return self }
        candidates.sort(by: FoldCandidate.precedes)

        let shownAlongside = nodes.count { node in
            switch node.kind {
            case .resource: node.isSource || node.isHighlighted
            case .aggregate: true
            case .credential, .identity, .group, .role: false
            }
        }
        let depth = FoldCandidate.deepestFoldDepth(of: candidates, budget: maxResources - shownAlongside)
        let folds = FoldCandidate.folds(of: candidates, atDepth: depth)
        guard !folds.isEmpty else { return self }
        return folding(folds, atDepth: depth)
    }

    /// The scene with each fold's members replaced by one aggregate node and edges redirected.
    private func folding(_ folds: [[FoldCandidate]], atDepth depth: Int) -> Scene {
        var takenIDs = Set(nodes.map(\.id))
        var aggregateAt: [Int: Node] = [:]
        var foldedIndices = Set<Int>()
        var aggregateIDOf: [String: String] = [:]
        for members in folds {
            let aggregate = aggregateNode(of: members, atDepth: depth, takenIDs: &takenIDs)
            aggregateAt[members.map(\.index).min() ?? 0] = aggregate
            for member in members {
                foldedIndices.insert(member.index)
                aggregateIDOf[nodes[member.index].id] = aggregate.id
            }
        }

        var result = self
        result.nodes = nodes.indices.compactMap { index in
            aggregateAt[index] ?? (foldedIndices.contains(index) ? nil : nodes[index])
        }
        result.edges = Self.merging(edges, redirectedBy: aggregateIDOf)
        return result
    }

    /// The aggregate node standing for `members`, with an id no other node has.
    private func aggregateNode(of members: [FoldCandidate], atDepth depth: Int, takenIDs: inout Set<String>) -> Node {
        let folded = members.map { nodes[$0.index] }
        let path = members[0].parent.prefix(depth).joined(separator: "/")
        var id = path.isEmpty ? "*" : path + "/*"
        while !takenIDs.insert(id).inserted {
            id += "*"
        }

        var counts: [Criticality?: Int] = [:]
        for node in folded {
            counts[node.criticality, default: 0] += 1
        }
        let countsText = (Criticality.allCases.map(Optional.some) + [nil]).compactMap { criticality -> String? in
            guard let count = counts[criticality] else { return nil }
            return "\(count) \(criticality?.rawValue ?? "unrated")"
        }
        let place = path.isEmpty ? "at the top level" : "under \(path)"
        let cluster = folded[0].cluster
        return Node(
            id: id,
            label: path.isEmpty ? "+\(folded.count) resources" : "+\(folded.count) under \(path)",
            kind: .aggregate(count: folded.count),
            criticality: folded.compactMap(\.criticality).max(),
            isEligibleOnly: folded.allSatisfy(\.isEligibleOnly),
            tooltip: "\(folded.count) resources \(place): \(countsText.joined(separator: ", "))",
            cluster: folded.allSatisfy { $0.cluster == cluster } ? cluster : nil
        )
    }

    /// `edges` with ends renamed by `aggregateIDOf`, merged per (from, to, kind) in order of
    /// first appearance, without edges that now start and end at the same aggregate.
    static func merging(_ edges: [Edge], redirectedBy aggregateIDOf: [String: String]) -> [Edge] {
        struct Key: Hashable {
            var from: String
            var to: String
            var kind: EdgeKind
        }
        var merged: [Edge] = []
        var mergedCounts: [Int] = []
        var positions: [Key: Int] = [:]
        for edge in edges {
            let from = aggregateIDOf[edge.from]
            let to = aggregateIDOf[edge.to]
            if let from, from == to { continue }
            var redirected = edge
            redirected.from = from ?? edge.from
            redirected.to = to ?? edge.to
            let key = Key(from: redirected.from, to: redirected.to, kind: edge.kind)
            guard let position = positions[key] else {
                positions[key] = merged.count
                merged.append(redirected)
                mergedCounts.append(1)
                continue
            }
            merged[position].isHighlighted = merged[position].isHighlighted || edge.isHighlighted
            merged[position].needsApproval = merged[position].needsApproval && edge.needsApproval
            merged[position].needsMFA = merged[position].needsMFA && edge.needsMFA
            merged[position].isRemoved = merged[position].isRemoved && edge.isRemoved
            merged[position].isConditional = merged[position].isConditional && edge.isConditional
            merged[position].isInactive = merged[position].isInactive && edge.isInactive
            merged[position].isFaded = merged[position].isFaded && edge.isFaded
            merged[position].isAdded = merged[position].isAdded || edge.isAdded
            merged[position].isBlocked = merged[position].isBlocked || edge.isBlocked
            if merged[position].label != edge.label { merged[position].label = "" }
            mergedCounts[position] += 1
        }
        for (position, count) in zip(merged.indices, mergedCounts) where count > 1 {
            let edge = merged[position]
            let first = edge.tooltip.isEmpty ? "" : "\nfirst: \(edge.tooltip)"
            merged[position].tooltip = "\(count) \(edge.kind.rawValue) edges \(edge.from) → \(edge.to)\(first)"
        }
        return merged
    }
}

/// A resource that may be folded: its node index and the components of its parent path.
private struct FoldCandidate {
    var index: Int
    var parent: ArraySlice<Substring>

    /// The fold order: parent paths component by component, then scene order.
    static func precedes(_ lhs: FoldCandidate, _ rhs: FoldCandidate) -> Bool {
        lhs.parent == rhs.parent ? lhs.index < rhs.index : lhs.parent.lexicographicallyPrecedes(rhs.parent)
    }

    /// The deepest cut (at least 1) whose number of groups fits `budget`.
    ///
    /// In sorted order two neighbours fall in different groups at depth d exactly when their
    /// parents differ and share fewer than d leading components, so one pass counts the groups
    /// at every depth.
    ///
    /// - Parameter candidates: sorted.
    /// - Complexity: O(n) for n candidates, counting component comparisons as constant.
    static func deepestFoldDepth(of candidates: [FoldCandidate], budget: Int) -> Int {
        let maxDepth = candidates.map(\.parent.count).max() ?? 0
        var splitsBySharedDepth = [Int](repeating: 0, count: maxDepth + 1)
        for (lhs, rhs) in zip(candidates, candidates.dropFirst()) where lhs.parent != rhs.parent {
            let shared = zip(lhs.parent, rhs.parent).prefix { $0 == $1 }.count
            splitsBySharedDepth[shared] += 1
        }
        var depth = 1
        var groups = 1 + splitsBySharedDepth[0]
        while depth < maxDepth {
            let deeper = groups + splitsBySharedDepth[depth]
            guard deeper <= budget else { break }
            depth += 1
            groups = deeper
        }
        return depth
    }

    /// The groups of two or more candidates sharing their parent path cut at `depth`.
    ///
    /// - Parameter candidates: sorted, so each group is a run.
    /// - Complexity: O(n) for n candidates, counting component comparisons as constant.
    static func folds(of candidates: [FoldCandidate], atDepth depth: Int) -> [[FoldCandidate]] {
        var folds: [[FoldCandidate]] = []
        var run: [FoldCandidate] = []
        for candidate in candidates {
            if let first = run.first, first.parent.prefix(depth) != candidate.parent.prefix(depth) {
                if run.count > 1 { folds.append(run) }
                run.removeAll(keepingCapacity: true)
            }
            run.append(candidate)
        }
        if run.count > 1 { folds.append(run) }
        return folds
    }
}
