import BlastCore

/// What to draw, as plain data: nodes, edges, clusters and what to highlight.
///
/// Built from an answer (a radius, a path, the whole model) by `SceneBuilder`; drawn by
/// `GraphvizRenderer`. The renderer never decides anything about access: it only maps this data
/// to shapes, colours and styles.
public struct Scene: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case credential
            case identity(IdentityKind)
            case group
            case role
            case resource
            /// Several resources folded into one node ("+137 under prod/logs").
            case aggregate(count: Int)
        }

        /// Unique within the scene; also the Graphviz node name.
        public var id: String
        public var label: String
        public var kind: Kind
        /// Resources and aggregates only (an aggregate carries its most critical member's).
        public var criticality: Criticality?
        /// The start of the answer (a leaked credential, the queried identity).
        public var isSource: Bool
        /// On an explanation path of the answer.
        public var isHighlighted: Bool
        /// Reachable only once an approval is given.
        public var isEligibleOnly: Bool
        /// No longer reachable once a change (a what-if, a cut) is applied: drawn faded.
        public var isFaded: Bool
        /// The target a "no" answer does not reach: drawn with a red outline and marked ✕.
        public var isBlocked: Bool
        /// A short fact printed under the label (a rank and score, a count); nil for none.
        public var detail: String?
        /// The SVG tooltip: what this is and why it is here.
        public var tooltip: String
        /// The key of the cluster it sits in (resources: their top-level subtree), nil for none.
        public var cluster: String?

        public init(
            id: String, label: String, kind: Kind, criticality: Criticality? = nil, isSource: Bool = false,
            isHighlighted: Bool = false, isEligibleOnly: Bool = false, isFaded: Bool = false, isBlocked: Bool = false,
            detail: String? = nil, tooltip: String = "", cluster: String? = nil
        ) {
            self.id = id
            self.label = label
            self.kind = kind
            self.criticality = criticality
            self.isSource = isSource
            self.isHighlighted = isHighlighted
            self.isEligibleOnly = isEligibleOnly
            self.isFaded = isFaded
            self.isBlocked = isBlocked
            self.detail = detail
            self.tooltip = tooltip
            self.cluster = cluster
        }
    }

    public struct Edge: Sendable, Equatable {
        public var from: String
        public var to: String
        public var kind: EdgeKind
        /// Approval-gated: drawn dashed.
        public var needsApproval: Bool
        /// Needs an MFA session.
        public var needsMFA: Bool
        /// On an explanation path: drawn bold.
        public var isHighlighted: Bool
        /// Holds only under a condition the engine does not evaluate (an AWS policy condition).
        public var isConditional: Bool
        /// Not in force at the answer's instant (expired, or not yet started): drawn grey and
        /// dotted, never bold, whatever else is said about it.
        public var isInactive: Bool
        /// Removed by a change (a what-if, a chokepoint cut, a diff): drawn red, doubled, ✕.
        public var isRemoved: Bool
        /// Added by a change (a diff): drawn green, doubled, +.
        public var isAdded: Bool
        /// Where a "no" stops: the gate the answer lacks (an approval), drawn red and ✕.
        public var isBlocked: Bool
        /// Beyond a removed edge, on a path the change cuts: drawn faded.
        public var isFaded: Bool
        /// Short facts printed on the edge (actions, technique, expiry, gates); empty for none.
        public var label: String
        /// The SVG tooltip: why the edge exists (file, line, terms).
        public var tooltip: String

        public init(
            from: String, to: String, kind: EdgeKind, needsApproval: Bool = false, needsMFA: Bool = false,
            isHighlighted: Bool = false, isConditional: Bool = false, isInactive: Bool = false, isRemoved: Bool = false,
            isAdded: Bool = false, isBlocked: Bool = false, isFaded: Bool = false, label: String = "", tooltip: String = ""
        ) {
            self.from = from
            self.to = to
            self.kind = kind
            self.needsApproval = needsApproval
            self.needsMFA = needsMFA
            self.isHighlighted = isHighlighted
            self.isConditional = isConditional
            self.isInactive = isInactive
            self.isRemoved = isRemoved
            self.isAdded = isAdded
            self.isBlocked = isBlocked
            self.isFaded = isFaded
            self.label = label
            self.tooltip = tooltip
        }
    }

    public struct Cluster: Sendable, Equatable {
        public var key: String
        public var label: String

        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    public var title: String
    public var nodes: [Node]
    public var edges: [Edge]
    public var clusters: [Cluster]
    public var showsLegend: Bool

    public init(title: String, nodes: [Node] = [], edges: [Edge] = [], clusters: [Cluster] = [], showsLegend: Bool = true) {
        self.title = title
        self.nodes = nodes
        self.edges = edges
        self.clusters = clusters
        self.showsLegend = showsLegend
    }
}

extension Scene {
    /// Marks the drawn edges a change removes: struck through, no longer on a highlighted path.
    /// - Complexity: O(e + r) for e drawn and r removed edges.
    public mutating func markRemoved(_ removed: [(from: String, to: String, kind: EdgeKind)]) {
        struct Key: Hashable {
            let from: String, to: String, kind: EdgeKind
        }
        let keys = Set(removed.map { Key(from: $0.from, to: $0.to, kind: $0.kind) })
        for k in edges.indices where keys.contains(Key(from: edges[k].from, to: edges[k].to, kind: edges[k].kind)) {
            edges[k].isRemoved = true
            edges[k].isHighlighted = false
        }
    }
}

extension Scene {
    /// Marks where a "no" answer stops: `target` is not reached, and `gate` (the first step the
    /// answer lacks, such as the approval-gated grant) is where the way in is blocked.
    /// - Complexity: O(n + e) for n nodes and e edges.
    public mutating func markBlocked(target: String, gate: (from: String, to: String, kind: EdgeKind)?) {
        for k in nodes.indices where nodes[k].id == target {
            nodes[k].isBlocked = true
            nodes[k].isHighlighted = false
        }
        guard let gate else { return }
        for k in edges.indices where edges[k].from == gate.from && edges[k].to == gate.to && edges[k].kind == gate.kind {
            edges[k].isBlocked = true
            edges[k].isHighlighted = false
        }
    }

    /// Marks the drawn edges a change adds.
    /// - Complexity: O(e + a) for e drawn and a added edges.
    public mutating func markAdded(_ added: [(from: String, to: String, kind: EdgeKind)]) {
        let keys = Set(added.map { EdgeKey(from: $0.from, to: $0.to, kind: $0.kind) })
        for k in edges.indices where keys.contains(EdgeKey(from: edges[k].from, to: edges[k].to, kind: edges[k].kind)) {
            edges[k].isAdded = true
        }
    }
}

extension Scene {
    /// This scene and `other` drawn as one (two versions of a model in one picture): nodes and
    /// edges present in both merge as paths do (highlighted, removed, added or blocked when
    /// either says so; eligible-only, faded or inactive only when both do); ids sorted.
    /// - Complexity: O((n + e) log(n + e)) for n nodes and e edges in all.
    public func union(_ other: Scene) -> Scene {
        var nodesByID: [String: Node] = [:]
        for node in nodes + other.nodes {
            guard var existing = nodesByID[node.id] else {
                nodesByID[node.id] = node
                continue
            }
            existing.isSource = existing.isSource || node.isSource
            existing.isHighlighted = existing.isHighlighted || node.isHighlighted
            existing.isBlocked = existing.isBlocked || node.isBlocked
            existing.isEligibleOnly = existing.isEligibleOnly && node.isEligibleOnly
            existing.isFaded = existing.isFaded && node.isFaded
            nodesByID[node.id] = existing
        }
        var edgesByKey: [EdgeKey: Edge] = [:]
        for edge in edges + other.edges {
            let key = EdgeKey(from: edge.from, to: edge.to, kind: edge.kind)
            guard var existing = edgesByKey[key] else {
                edgesByKey[key] = edge
                continue
            }
            existing.isHighlighted = existing.isHighlighted || edge.isHighlighted
            existing.isRemoved = existing.isRemoved || edge.isRemoved
            existing.isAdded = existing.isAdded || edge.isAdded
            existing.isBlocked = existing.isBlocked || edge.isBlocked
            existing.isFaded = existing.isFaded && edge.isFaded
            existing.isInactive = existing.isInactive && edge.isInactive
            if existing.label.isEmpty { existing.label = edge.label }
            edgesByKey[key] = existing
        }
        var clusterLabels: [String: String] = [:]
        for cluster in clusters + other.clusters where clusterLabels[cluster.key] == nil { clusterLabels[cluster.key] = cluster.label }
        let sortedEdges = edgesByKey.sorted { a, b in
            (a.key.from, a.key.to, a.key.kind.rawValue) < (b.key.from, b.key.to, b.key.kind.rawValue)
        }
        return Scene(
            title: title, nodes: nodesByID.keys.sorted().compactMap { nodesByID[$0] }, edges: sortedEdges.map(\.value),
            clusters: clusterLabels.keys.sorted().map { Cluster(key: $0, label: clusterLabels[$0] ?? $0) }, showsLegend: showsLegend)
    }
}
