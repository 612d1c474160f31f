import BlastCore

extension GraphvizDocument {
    /// Appends `cluster_legend`: sample nodes for every shape, criticality colour and node
    /// emphasis, and sample edges for every edge kind and line style, each styled by
    /// `GraphvizStyle` exactly as a scene element with the same properties.
    ///
    /// Samples sit in rows (invisible edges keep a row on one line) so the legend stays compact.
    /// Sample node names start with `namePrefix`, which no scene node id starts with.
    ///
    /// - Complexity: O(1).
    mutating func addLegend(namePrefix: String) {
        let subgraph = subgraphs.count
        subgraphs.append(Subgraph(name: GraphvizStyle.legendSubgraphName, attributes: Self.legendAttributes))

        for row in Self.legendNodeRows {
            let names = row.map { namePrefix + $0.id }
            for (sample, name) in zip(row, names) {
                nodes.append(Node(name: name, subgraph: subgraph, attributes: GraphvizStyle.nodeAttributes(sample) + Self.sampleSize))
            }
            for (tail, head) in zip(names, names.dropFirst()) {
                edges.append(Edge(tail: tail, head: head, attributes: [Attribute("style", "invis")]))
            }
        }

        for (rowIndex, row) in Self.legendEdgeRows.enumerated() {
            let names = (0...row.count).map { "\(namePrefix)edge_\(rowIndex)_\($0)" }
            for name in names {
                nodes.append(Node(name: name, subgraph: subgraph, attributes: Self.pointAttributes))
            }
            for ((caption, sample), (tail, head)) in zip(row, zip(names, names.dropFirst())) {
                let attributes = GraphvizStyle.edgeAttributes(sample, fadesOthers: false) + [Attribute("label", caption)]
                edges.append(Edge(tail: tail, head: head, attributes: attributes))
            }
        }
    }

    private static let legendAttributes = [
        Attribute("label", "Legend"),
        Attribute("tooltip", "Legend"),
        Attribute("style", "rounded"),
        Attribute("color", "#cbd5e1"),
        Attribute("fontsize", "11"),
        Attribute("labeljust", "l"),
    ]

    private static let sampleSize = [Attribute("fontsize", "9"), Attribute("height", "0.3")]

    private static let pointAttributes = [
        Attribute("shape", "point"),
        Attribute("width", "0.06"),
        Attribute("fillcolor", GraphvizStyle.outlineColor),
    ]

    /// Shapes by kind; resource fills by criticality; source, eligible-only and highlighted.
    private static let legendNodeRows: [[Scene.Node]] = [
        [
            Scene.Node(id: "credential", label: "credential", kind: .credential),
            Scene.Node(id: "human", label: "human", kind: .identity(.human)),
            Scene.Node(id: "service", label: "service", kind: .identity(.service)),
            Scene.Node(id: "agent", label: "agent", kind: .identity(.agent)),
        ],
        [
            Scene.Node(id: "workload", label: "workload", kind: .identity(.workload)),
            Scene.Node(id: "group", label: "group", kind: .group),
            Scene.Node(id: "role", label: "role", kind: .role),
            Scene.Node(id: "aggregate", label: "+N folded", kind: .aggregate(count: 0)),
        ],
        Criticality.allCases.map { criticality in
            Scene.Node(id: criticality.rawValue, label: criticality.rawValue, kind: .resource, criticality: criticality)
        },
        [
            Scene.Node(id: "source", label: "source", kind: .credential, isSource: true),
            Scene.Node(id: "on_path", label: "on a path", kind: .role, isHighlighted: true),
            Scene.Node(id: "eligible", label: "eligible only", kind: .role, isEligibleOnly: true),
        ],
    ]

    /// Edge kinds, then gates, highlight and removal; two captioned samples per row.
    private static let legendEdgeRows: [[(caption: String, edge: Scene.Edge)]] = [
        [("credential", sampleEdge(.credential)), ("member", sampleEdge(.member))],
        [("grant", sampleEdge(.grant)), ("assume", sampleEdge(.assume))],
        [("pivot / takeover / escalate", sampleEdge(.pivot)), ("allow", sampleEdge(.allow))],
        [("needs approval", sampleEdge(.grant, needsApproval: true)), ("needs MFA", sampleEdge(.assume, needsMFA: true))],
        [("on a path", sampleEdge(.pivot, isHighlighted: true)), ("removed", sampleEdge(.allow, isRemoved: true))],
    ]

    private static func sampleEdge(
        _ kind: EdgeKind, needsApproval: Bool = false, needsMFA: Bool = false, isHighlighted: Bool = false, isRemoved: Bool = false
    ) -> Scene.Edge {
        Scene.Edge(
            from: "", to: "", kind: kind, needsApproval: needsApproval, needsMFA: needsMFA,
            isHighlighted: isHighlighted, isRemoved: isRemoved
        )
    }
}
