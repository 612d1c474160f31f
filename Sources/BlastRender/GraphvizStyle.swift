import BlastCore

/// The visual vocabulary of a diagram: one shape, colour or line style per scene property.
///
/// Read this file to know what a drawing means; the legend draws these same decisions.
///
/// - Nodes: a shape per kind (credential `note`, human `ellipse`, service `box3d`, agent
///   `hexagon`, workload `component`, group `tab`, role `octagon`, resource `cylinder`, folded
///   resources `folder`); resources and folds are filled by criticality, the rest by kind; the
///   source has a double, bold border; eligible-only nodes a dashed one.
/// - Edges: a colour per kind (pivot, takeover and escalate red, allow grey); approval-gated
///   edges dashed; MFA-gated edges end in an open dot before the arrow; highlighted edges thick
///   and darker, the others faded when anything is highlighted; removed edges grey, dotted,
///   ending in a bar, marked ✕.
enum GraphvizStyle {
    typealias Attribute = GraphvizDocument.Attribute

    static let fontName = "Helvetica"
    static let boldFontName = "Helvetica-Bold"
    static let textColor = "#111827"
    static let outlineColor = "#475569"
    static let emphasisColor = "#111827"
    static let removedColor = "#9ca3af"
    /// Appended to an edge colour to fade it (RGBA alpha, 50%).
    static let fadedAlpha = "80"
    static let legendSubgraphName = "cluster_legend"

    /// Graph attributes clusters inherit.
    static let inheritedGraphAttributes: [Attribute] = [
        Attribute("fontname", fontName),
        Attribute("fontcolor", textColor),
    ]

    /// The top-level graph: left to right, the title on top.
    static func graphAttributes(title: String) -> [Attribute] {
        [
            Attribute("label", escaped(title)),
            Attribute("labelloc", "t"),
            Attribute("fontsize", "16"),
            Attribute("rankdir", "LR"),
            Attribute("nodesep", "0.25"),
            Attribute("ranksep", "0.6"),
            Attribute("tooltip", escaped(title)),
        ]
    }

    static let nodeDefaults: [Attribute] = [
        Attribute("label", "\\N"),
        Attribute("fontname", fontName),
        Attribute("fontsize", "10"),
        Attribute("fontcolor", textColor),
        Attribute("color", outlineColor),
        Attribute("style", "filled"),
        Attribute("fillcolor", "#ffffff"),
    ]

    static let edgeDefaults: [Attribute] = [
        Attribute("fontname", fontName),
        Attribute("fontsize", "8"),
        Attribute("fontcolor", textColor),
        Attribute("color", color(for: .allow)),
        Attribute("arrowsize", "0.7"),
    ]

    /// A cluster: a rounded, lightly shaded box with its label at the top left.
    static func clusterAttributes(label: String) -> [Attribute] {
        [
            Attribute("label", escaped(label)),
            Attribute("tooltip", escaped(label)),
            Attribute("style", "rounded,filled"),
            Attribute("color", "#cbd5e1"),
            Attribute("fillcolor", "#f8fafc"),
            Attribute("fontsize", "12"),
            Attribute("labeljust", "l"),
        ]
    }

    static func shape(for kind: Scene.Node.Kind) -> String {
        switch kind {
        case .credential: "note"
        case .identity(.human): "ellipse"
        case .identity(.service): "box3d"
        case .identity(.agent): "hexagon"
        case .identity(.workload): "component"
        case .group: "tab"
        case .role: "octagon"
        case .resource: "cylinder"
        case .aggregate: "folder"
        }
    }

    /// Resources and folds by criticality; other kinds by kind.
    static func fillColor(for node: Scene.Node) -> String {
        switch node.kind {
        case .credential: "#ede9fe"
        case .identity: "#dbeafe"
        case .group: "#d1fae5"
        case .role: "#fae8ff"
        case .resource, .aggregate: fillColor(for: node.criticality)
        }
    }

    /// Red, orange, yellow, light grey from critical down; white when unrated.
    static func fillColor(for criticality: Criticality?) -> String {
        switch criticality {
        case .critical: "#fca5a5"
        case .high: "#fdba74"
        case .medium: "#fde68a"
        case .low: "#e5e7eb"
        case nil: "#ffffff"
        }
    }

    static func color(for kind: EdgeKind) -> String {
        switch kind {
        case .credential: "#7c3aed"
        case .member: "#0f766e"
        case .grant: "#1d4ed8"
        case .assume: "#b45309"
        case .pivot, .takeover, .escalate: "#dc2626"
        case .allow: "#6b7280"
        }
    }

    /// A darker shade of `color(for:)`, for highlighted edges.
    static func highlightColor(for kind: EdgeKind) -> String {
        switch kind {
        case .credential: "#5b21b6"
        case .member: "#115e59"
        case .grant: "#1e3a8a"
        case .assume: "#92400e"
        case .pivot, .takeover, .escalate: "#b91c1c"
        case .allow: "#1f2937"
        }
    }

    static func nodeAttributes(_ node: Scene.Node) -> [Attribute] {
        var attributes = [
            Attribute("label", escaped(node.label)),
            Attribute("shape", shape(for: node.kind)),
            Attribute("fillcolor", fillColor(for: node)),
        ]
        if node.isEligibleOnly {
            attributes.append(Attribute("style", "filled,dashed"))
        }
        if node.isSource {
            attributes += [
                Attribute("peripheries", "2"), Attribute("penwidth", "2"),
                Attribute("color", emphasisColor), Attribute("fontname", boldFontName),
            ]
        } else if node.isHighlighted {
            attributes += [Attribute("penwidth", "2"), Attribute("color", emphasisColor)]
        }
        if !node.tooltip.isEmpty {
            attributes.append(Attribute("tooltip", escaped(node.tooltip)))
        }
        return attributes
    }

    /// - Parameter fadesOthers: whether the scene highlights anything, so that edges it does not
    ///   highlight are faded.
    static func edgeAttributes(_ edge: Scene.Edge, fadesOthers: Bool) -> [Attribute] {
        var attributes: [Attribute]
        if edge.isRemoved {
            attributes = [
                Attribute("color", removedColor), Attribute("style", "dotted"), Attribute("arrowhead", "tee"),
                Attribute("xlabel", "✕"), Attribute("fontcolor", removedColor),
            ]
        } else {
            if edge.isHighlighted {
                attributes = [Attribute("color", highlightColor(for: edge.kind)), Attribute("penwidth", "2.5")]
            } else {
                let color = color(for: edge.kind)
                attributes = [Attribute("color", fadesOthers ? color + fadedAlpha : color)]
            }
            if edge.needsApproval {
                attributes.append(Attribute("style", "dashed"))
            }
            if edge.needsMFA {
                attributes.append(Attribute("arrowhead", "normalodot"))
            }
        }
        if !edge.tooltip.isEmpty {
            attributes.append(Attribute("tooltip", escaped(edge.tooltip)))
        }
        return attributes
    }

    /// `text` as a Graphviz escString: backslashes doubled, line breaks as `\n`, so that no
    /// `\N`-style sequence is expanded.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
