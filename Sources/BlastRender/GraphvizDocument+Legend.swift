import BlastCore

/// How much legend a diagram carries.
public enum LegendStyle: String, Sendable, CaseIterable {
    /// Only the shapes, fills and line styles that occur in this picture (the default).
    case compact
    /// Every shape, fill and line style of the grammar.
    case full
    /// No legend.
    case none
}

extension GraphvizDocument {
    /// Appends `cluster_legend`: sample nodes and sample edges, each styled by `GraphvizStyle`
    /// exactly as a scene element with the same properties; with `.compact`, only those whose
    /// style occurs in `scene`.
    ///
    /// Node samples sit in rows of four (invisible edges keep a row on one line); each edge
    /// sample runs from its caption (a plain-text node) to a point, three to a row. Sample node names start with
    /// `namePrefix`, which no scene node id starts with.
    ///
    /// - Complexity: O(V + E) for V nodes and E edges of `scene` (to find what occurs).
    mutating func addLegend(for scene: Scene, style: LegendStyle, namePrefix: String) {
        let nodeSamples: [Scene.Node]
        let edgeSamples: [(caption: String, edge: Scene.Edge)]
        switch style {
        case .none: return
        case .full:
            nodeSamples = Self.allNodeSamples
            edgeSamples = Self.allEdgeSamples
        case .compact:
            nodeSamples = Self.allNodeSamples.filter { sample in scene.nodes.contains { Self.sample(sample, stands: $0) } }
            edgeSamples = Self.allEdgeSamples.filter { sample in scene.edges.contains { Self.sample(sample.edge, stands: $0) } }
        }
        guard !nodeSamples.isEmpty || !edgeSamples.isEmpty else { return }
        let subgraph = subgraphs.count
        subgraphs.append(Subgraph(name: GraphvizStyle.legendSubgraphName, attributes: Self.legendAttributes))

        for start in stride(from: 0, to: nodeSamples.count, by: Self.samplesPerRow) {
            let row = nodeSamples[start..<min(start + Self.samplesPerRow, nodeSamples.count)]
            let names = row.map { namePrefix + $0.id }
            for (sample, name) in zip(row, names) {
                nodes.append(Node(name: name, subgraph: subgraph, attributes: GraphvizStyle.nodeAttributes(sample) + Self.sampleSize))
            }
            for (tail, head) in zip(names, names.dropFirst()) {
                edges.append(Edge(tail: tail, head: head, attributes: [Attribute("style", "invis")]))
            }
        }

        // Each edge sample runs from its caption to a point: no label node between them, so the
        // line stays straight. Samples sit three to a row, joined by invisible edges.
        for (index, sample) in edgeSamples.enumerated() {
            let tail = "\(namePrefix)edge_\(index)_a", head = "\(namePrefix)edge_\(index)_b"
            let caption = [Attribute("label", GraphvizStyle.escaped(sample.caption))]
            nodes.append(Node(name: tail, subgraph: subgraph, attributes: Self.captionAttributes + caption))
            nodes.append(Node(name: head, subgraph: subgraph, attributes: Self.pointAttributes))
            var attributes = GraphvizStyle.edgeAttributes(sample.edge, fadesOthers: false).filter {
                $0.name != "label" && $0.name != "xlabel"
            }
            attributes.append(Attribute("minlen", "2"))
            edges.append(Edge(tail: tail, head: head, attributes: attributes))
            if index % Self.edgeSamplesPerRow != 0 {
                edges.append(Edge(tail: "\(namePrefix)edge_\(index - 1)_b", head: tail, attributes: [Attribute("style", "invis")]))
            }
        }
    }

    /// Whether `node` is drawn with the look `sample` shows.
    private static func sample(_ sample: Scene.Node, stands node: Scene.Node) -> Bool {
        switch sample.id {
        case "source": node.isSource
        case "on_path": node.isHighlighted && !node.isSource && !node.isFaded
        case "eligible": node.isEligibleOnly && !node.isFaded
        case "faded": node.isFaded
        case "blocked": node.isBlocked
        default:
            if let criticality = sample.criticality {
                (node.kind == .resource || node.kind.isAggregate) && node.criticality == criticality && !node.isFaded
            } else {
                GraphvizStyle.shape(for: sample.kind) == GraphvizStyle.shape(for: node.kind)
            }
        }
    }

    /// Whether `edge` is drawn with the look `sample` shows.
    private static func sample(_ sample: Scene.Edge, stands edge: Scene.Edge) -> Bool {
        if sample.isRemoved { return edge.isRemoved }
        if sample.isAdded { return edge.isAdded }
        if sample.isBlocked { return edge.isBlocked }
        if sample.isInactive { return edge.isInactive }
        if sample.isFaded { return edge.isFaded && !edge.isRemoved }
        if sample.needsApproval { return edge.needsApproval && !edge.isBlocked }
        if sample.needsMFA { return edge.needsMFA }
        if sample.isConditional { return edge.isConditional }
        if sample.isHighlighted { return edge.isHighlighted }
        // A kind's colour shows only on edges no change or time state recolours.
        let recoloured = edge.isRemoved || edge.isAdded || edge.isBlocked || edge.isInactive || edge.isFaded
        return !recoloured && GraphvizStyle.color(for: sample.kind) == GraphvizStyle.color(for: edge.kind)
    }

    private static let samplesPerRow = 4
    private static let edgeSamplesPerRow = 3

    private static let legendAttributes = [
        Attribute("label", "Legend"),
        Attribute("tooltip", "Legend"),
        Attribute("style", "rounded"),
        Attribute("color", "#cbd5e1"),
        Attribute("fontsize", "11"),
        Attribute("labeljust", "l"),
    ]

    private static let sampleSize = [Attribute("fontsize", "9"), Attribute("height", "0.3")]

    private static let captionAttributes = [
        Attribute("shape", "plaintext"),
        Attribute("style", ""),
        Attribute("fontsize", "9"),
        Attribute("height", "0.2"),
    ]

    private static let pointAttributes = [
        Attribute("shape", "point"),
        Attribute("width", "0.06"),
        Attribute("fillcolor", GraphvizStyle.outlineColor),
    ]

    /// Shapes by kind; resource fills by criticality; the node states.
    private static let allNodeSamples: [Scene.Node] =
        [
            Scene.Node(id: "credential", label: "credential", kind: .credential),
            Scene.Node(id: "human", label: "human", kind: .identity(.human)),
            Scene.Node(id: "service", label: "service", kind: .identity(.service)),
            Scene.Node(id: "agent", label: "agent", kind: .identity(.agent)),
            Scene.Node(id: "workload", label: "workload", kind: .identity(.workload)),
            Scene.Node(id: "group", label: "group", kind: .group),
            Scene.Node(id: "role", label: "role", kind: .role),
            Scene.Node(id: "aggregate", label: "+N folded", kind: .aggregate(count: 0)),
        ]
        + Criticality.allCases.reversed().map { criticality in
            Scene.Node(id: criticality.rawValue, label: criticality.rawValue, kind: .resource, criticality: criticality)
        }
        + [
            Scene.Node(id: "source", label: "start", kind: .credential, isSource: true),
            Scene.Node(id: "on_path", label: "on a path", kind: .role, isHighlighted: true),
            Scene.Node(id: "eligible", label: "role", kind: .role, isEligibleOnly: true),
            Scene.Node(id: "faded", label: "role", kind: .role, isFaded: true),
            Scene.Node(id: "blocked", label: "target", kind: .resource, isBlocked: true),
        ]

    /// Edge kinds, then gates, highlight, time and changes.
    private static let allEdgeSamples: [(caption: String, edge: Scene.Edge)] = [
        ("credential", sampleEdge(.credential)),
        ("member", sampleEdge(.member)),
        ("grant", sampleEdge(.grant)),
        ("assume", sampleEdge(.assume)),
        ("pivot / takeover / escalate", sampleEdge(.pivot)),
        ("allow (actions)", sampleEdge(.allow)),
        ("on a path: bold", Scene.Edge(from: "", to: "", kind: .allow, isHighlighted: true)),
        ("needs approval", Scene.Edge(from: "", to: "", kind: .grant, needsApproval: true)),
        ("needs MFA", Scene.Edge(from: "", to: "", kind: .assume, needsMFA: true)),
        ("only if a condition holds", Scene.Edge(from: "", to: "", kind: .assume, isConditional: true)),
        ("expired / not yet in force", Scene.Edge(from: "", to: "", kind: .grant, isInactive: true)),
        ("✕ removed by the change", Scene.Edge(from: "", to: "", kind: .grant, isRemoved: true)),
        ("+ added by the change", Scene.Edge(from: "", to: "", kind: .grant, isAdded: true)),
        ("✕ blocked: the missing approval", Scene.Edge(from: "", to: "", kind: .grant, needsApproval: true, isBlocked: true)),
        ("cut off by the change", Scene.Edge(from: "", to: "", kind: .allow, isFaded: true)),
    ]

    private static func sampleEdge(_ kind: EdgeKind) -> Scene.Edge {
        Scene.Edge(from: "", to: "", kind: kind)
    }
}

extension Scene.Node.Kind {
    /// Whether this is a fold of several resources.
    var isAggregate: Bool {
        if case .aggregate = self { true } else { false }
    }
}
