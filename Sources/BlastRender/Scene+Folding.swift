import BlastCore

extension Scene {
    /// The scene within a page-sized budget: past `maxNodes` nodes, identities, credentials,
    /// groups and roles fold as resources do, and the title says what was folded.
    ///
    /// Kinds fold in this order, stopping as soon as the scene fits: identities (each kind
    /// apart), credentials, groups, roles. Within a kind, first the nodes that lead to exactly
    /// the same nodes merge ("+37 humans", all members of `team-p0`); then, if the scene still
    /// does not fit, every remaining node of the kind in one cluster merges. The source and the
    /// blocked nodes, and the ends of added, removed or blocked edges, never fold; highlighted
    /// nodes fold (among themselves, staying highlighted) only when nothing else is left to fold. A folded node keeps its members' shape,
    /// is labelled "+N kinds", eligible-only or faded only when all its members are, and lists
    /// its first members in its tooltip; edges are redirected and merged as
    /// `aggregatingResources(maxResources:)` merges them.
    ///
    /// - Parameter maxNodes: the most nodes wanted; at least 1.
    /// - Returns: `self` when it has at most `maxNodes` nodes.
    /// - Complexity: O(k · (n log n + m)) for k kinds, n nodes and m edges.
    public func foldingElements(maxNodes: Int) -> Scene {
        precondition(maxNodes > 0, "foldingElements(maxNodes:) needs a budget of at least 1 node, got \(maxNodes)")
        guard nodes.count > maxNodes else { return self }
        var scene = self
        var folded: [FoldClass: Int] = [:]
        var sizes: [String: Int] = [:]
        // Highlighted nodes fold only when folding everything else is not enough (a who-can
        // answer with two thousand readers); a fold of highlighted nodes stays highlighted.
        let rounds = [(true, false), (false, false), (true, true), (false, true)]
        outer: for (bySuccessors, highlighted) in rounds {
            for fold in FoldClass.allCases {
                if scene.nodes.count <= maxNodes { break outer }
                scene = scene.folding(
                    fold, bySuccessors: bySuccessors, includingHighlighted: highlighted, counts: &folded, sizes: &sizes)
            }
        }
        guard !folded.isEmpty else { return self }
        let parts = FoldClass.allCases.compactMap { fold in folded[fold].map { "\($0) \(fold.plural)" } }
        scene.title += " (folded to fit a page: \(parts.joined(separator: ", ")))"
        return scene
    }

    /// The scene with the foldable nodes of `fold` merged per successor set (or per cluster).
    ///
    /// - Parameters:
    ///   - counts: the elements folded so far, per class.
    ///   - sizes: how many elements each folded node stands for, by id.
    private func folding(
        _ fold: FoldClass, bySuccessors: Bool, includingHighlighted: Bool, counts: inout [FoldClass: Int],
        sizes: inout [String: Int]
    ) -> Scene {
        var successors: [String: [String]] = [:]
        var keepsApart: Set<String> = []
        for edge in edges {
            successors[edge.from, default: []].append(edge.to)
            if edge.isAdded || edge.isBlocked || edge.isRemoved { keepsApart.formUnion([edge.from, edge.to]) }
        }
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (index, node) in nodes.enumerated() where fold.contains(node.kind) {
            guard !node.isSource, includingHighlighted || !node.isHighlighted, !node.isBlocked, !keepsApart.contains(node.id)
            else { continue }
            let place = (node.cluster ?? "") + (node.isHighlighted ? "\u{0}highlighted" : "")
            let key = bySuccessors ? place + "\u{0}" + Set(successors[node.id] ?? []).sorted().joined(separator: "\u{0}") : place
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        var takenIDs = Set(nodes.map(\.id))
        var aggregateAt: [Int: Node] = [:]
        var foldedIndices = Set<Int>()
        var aggregateIDOf: [String: String] = [:]
        for key in order {
            guard let members = groups[key], members.count > 1 else { continue }
            let first = nodes[members[0]]
            var id = "blast:fold:\(fold.plural):\(first.id)"
            while !takenIDs.insert(id).inserted { id += "*" }
            // Members folded earlier stand for several elements, already counted.
            let size = members.reduce(0) { $0 + (sizes[nodes[$1].id] ?? 1) }
            let names = members.filter { sizes[nodes[$0].id] == nil }.prefix(5).map { nodes[$0].id }
            aggregateAt[members[0]] = Node(
                id: id, label: "+\(size) \(fold.plural)", kind: first.kind,
                isHighlighted: first.isHighlighted, isEligibleOnly: members.allSatisfy { nodes[$0].isEligibleOnly },
                isFaded: members.allSatisfy { nodes[$0].isFaded },
                tooltip: "\(size) \(fold.plural)" + (names.isEmpty ? "" : ", among them \(names.joined(separator: ", "))"),
                cluster: first.cluster)
            for member in members {
                foldedIndices.insert(member)
                aggregateIDOf[nodes[member].id] = id
            }
            counts[fold, default: 0] += members.count { sizes[nodes[$0].id] == nil }
            sizes[id] = size
        }
        guard !aggregateIDOf.isEmpty else { return self }
        var result = self
        result.nodes = nodes.indices.compactMap { aggregateAt[$0] ?? (foldedIndices.contains($0) ? nil : nodes[$0]) }
        result.edges = Self.merging(edges, redirectedBy: aggregateIDOf)
        return result
    }
}

/// A class of nodes that fold together: one identity kind, credentials, groups or roles.
private enum FoldClass: CaseIterable {
    case humans, services, agents, workloads, credentials, groups, roles

    var plural: String {
        switch self {
        case .humans: "humans"
        case .services: "services"
        case .agents: "agents"
        case .workloads: "workloads"
        case .credentials: "credentials"
        case .groups: "groups"
        case .roles: "roles"
        }
    }

    func contains(_ kind: Scene.Node.Kind) -> Bool {
        switch (self, kind) {
        case (.humans, .identity(.human)), (.services, .identity(.service)), (.agents, .identity(.agent)),
            (.workloads, .identity(.workload)), (.credentials, .credential), (.groups, .group), (.roles, .role):
            true
        default: false
        }
    }
}

extension Scene {
    /// The scene folded to fit: resources past `maxResources` fold into subtrees; a scene still
    /// larger than `maxNodes` has its resources folded to a quarter of the budget (they sit in one
    /// column, which sets the picture's height) and then its identities, credentials, groups and
    /// roles folded.
    ///
    /// - Complexity: that of `aggregatingResources(maxResources:)` and `foldingElements(maxNodes:)`.
    public func fitted(maxResources: Int, maxNodes: Int) -> Scene {
        let scene = aggregatingResources(maxResources: maxResources)
        guard scene.nodes.count > maxNodes else { return scene }
        return aggregatingResources(maxResources: max(1, min(maxResources, maxNodes / 4))).foldingElements(maxNodes: maxNodes)
    }
}
