/// A Graphviz graph as plain data, in the order it is built: what `GraphvizRenderer` hands to cgraph.
///
/// Keeps every drawing decision out of the file that talks to C, and makes the order of clusters,
/// nodes and edges (hence the DOT text) an explicit value. Attribute values are passed to Graphviz
/// verbatim; text that may hold backslashes or newlines goes through `GraphvizStyle.escaped(_:)`.
struct GraphvizDocument: Sendable, Equatable {
    /// One `name=value` pair.
    struct Attribute: Sendable, Equatable {
        var name: String
        var value: String

        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A `cluster_…` subgraph.
    struct Subgraph: Sendable, Equatable {
        var name: String
        var attributes: [Attribute]
    }

    struct Node: Sendable, Equatable {
        var name: String
        /// Index into `subgraphs`, nil for the top level.
        var subgraph: Int?
        var attributes: [Attribute]
    }

    struct Edge: Sendable, Equatable {
        var tail: String
        var head: String
        var attributes: [Attribute]
    }

    /// The graph's name in DOT (`digraph blast`).
    var name = "blast"
    /// Graph attributes clusters inherit (declared as graph defaults).
    var inheritedGraphAttributes: [Attribute] = []
    /// Attributes of the top-level graph only.
    var graphAttributes: [Attribute] = []
    var nodeDefaults: [Attribute] = []
    var edgeDefaults: [Attribute] = []
    var subgraphs: [Subgraph] = []
    var nodes: [Node] = []
    var edges: [Edge] = []
}

extension GraphvizDocument {
    /// The document that draws `scene`: the legend when the scene asks for one, in `legend`'s
    /// style (first, which makes `dot` place it below the drawing), then the scene's clusters,
    /// nodes and edges in scene order.
    ///
    /// - Throws: `RenderError.Code.invalidScene` for a duplicate node id or an edge whose end is
    ///   not a node of the scene.
    /// - Complexity: O(V + E + C), V nodes, E edges and C clusters of `scene`.
    init(_ scene: Scene, legend: LegendStyle = .compact) throws(RenderError) {
        let nodeIDs = try Self.uniqueNodeIDs(of: scene)
        for edge in scene.edges {
            for end in [edge.from, edge.to] where !nodeIDs.contains(end) {
                throw RenderError(
                    .invalidScene,
                    "edge \(edge.from) -> \(edge.to) (\(edge.kind.rawValue)) ends at \(end), which is not a node of the scene; add the node or drop the edge"
                )
            }
        }

        inheritedGraphAttributes = GraphvizStyle.inheritedGraphAttributes
        graphAttributes = GraphvizStyle.graphAttributes(title: scene.title)
        nodeDefaults = GraphvizStyle.nodeDefaults
        edgeDefaults = GraphvizStyle.edgeDefaults

        if scene.showsLegend {
            addLegend(for: scene, style: legend, namePrefix: Self.legendNamePrefix(avoiding: nodeIDs))
        }
        var subgraphNames = SubgraphNames(reserving: subgraphs.map(\.name))
        let subgraphByKey = addClusters(of: scene, naming: &subgraphNames)
        let fadesOthers = scene.edges.contains { $0.isHighlighted }
        nodes += scene.nodes.map { node in
            Node(
                name: node.id,
                subgraph: node.cluster.flatMap { subgraphByKey[$0] },
                attributes: GraphvizStyle.nodeAttributes(node)
            )
        }
        edges += scene.edges.map { edge in
            Edge(tail: edge.from, head: edge.to, attributes: GraphvizStyle.edgeAttributes(edge, fadesOthers: fadesOthers))
        }
    }

    /// The ids of `scene`'s nodes, or an error naming the first id used twice.
    private static func uniqueNodeIDs(of scene: Scene) throws(RenderError) -> Set<String> {
        var ids = Set<String>(minimumCapacity: scene.nodes.count)
        for node in scene.nodes where !ids.insert(node.id).inserted {
            throw RenderError(.invalidScene, "node id \(node.id) is used twice in the scene; give each node its own id")
        }
        return ids
    }

    /// Adds one subgraph per cluster key a node uses, in `scene.clusters` order, then keys the
    /// scene does not label in order of first use; returns the subgraph index of each key.
    private mutating func addClusters(of scene: Scene, naming names: inout SubgraphNames) -> [String: Int] {
        let used = Set(scene.nodes.compactMap(\.cluster))
        var labels: [String: String] = [:]
        var keys: [String] = []
        for cluster in scene.clusters where used.contains(cluster.key) && labels[cluster.key] == nil {
            labels[cluster.key] = cluster.label
            keys.append(cluster.key)
        }
        for node in scene.nodes {
            guard let key = node.cluster, labels[key] == nil else { continue }
            labels[key] = key
            keys.append(key)
        }

        var indexByKey: [String: Int] = [:]
        for key in keys {
            indexByKey[key] = subgraphs.count
            subgraphs.append(
                Subgraph(name: names.claim(forKey: key), attributes: GraphvizStyle.clusterAttributes(label: labels[key] ?? key))
            )
        }
        return indexByKey
    }

    /// A prefix no scene node id starts with, for the legend's sample nodes.
    private static func legendNamePrefix(avoiding ids: Set<String>) -> String {
        var prefix = "legend_"
        while ids.contains(where: { $0.hasPrefix(prefix) }) {
            prefix = "_" + prefix
        }
        return prefix
    }
}

/// Graphviz subgraph names for cluster keys: `cluster_` and the key with anything but ASCII
/// letters, digits and `_` replaced by `_`, numbered (`_2`, `_3`, …) when two keys collide.
private struct SubgraphNames {
    private var taken: Set<String>

    init(reserving reserved: [String]) {
        taken = Set(reserved)
    }

    /// Claims and returns the subgraph name for `key`.
    mutating func claim(forKey key: String) -> String {
        let sanitised = String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        let base = "cluster_" + sanitised
        var name = base
        var suffix = 2
        while taken.contains(name) {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        taken.insert(name)
        return name
    }
}
