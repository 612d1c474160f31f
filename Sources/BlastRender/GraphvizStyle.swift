import BlastCore

/// The visual grammar of every diagram (docs/diagrams.md): one shape, colour, line style or
/// label per scene property, decided here and nowhere else. The legend draws these same decisions.
///
/// - Nodes: a shape per kind (credential `note`, human `ellipse`, service `box3d`, agent
///   `hexagon`, workload `component`, group `tab`, role `octagon`, resource `cylinder`, folded
///   resources `folder`); resources and folds filled by criticality on a scale where critical is
///   the darkest (white text), the rest by kind. The start: a thick border (doubled, except on
///   cylinders and folders, whose second outline would cross the label). On a path: a bold
///   border. Reached only once approved: a dashed border and the line "once approved". Cut off
///   by a change: greyed, and "cut off". Not reached by a "no": a thick red border and "✕ not
///   reached".
/// - Edges: a colour per kind (pivot, takeover and escalate red, allow grey); on a path: thick
///   and darker, the others faded. Gates: approval dashed, MFA an open dot before the arrow, a
///   condition an open diamond; each also named in the edge's label, with the actions, the
///   technique and dates. Changes override all of that: removed is a doubled red line ending in
///   a bar, "✕ removed"; added a doubled green line, "+ added"; where a "no" stops a thick red
///   dashed line ending in a bar, "✕ blocked"; not in force at the answer's instant a thin grey
///   dotted line, never bold; past a removed edge, faded.
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

    /// The widest title line, in characters, before it wraps.
    static let titleWidth = 110

    /// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole).
    /// - Complexity: O(length of `text`).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = String(word)
            } else {
                line += line.isEmpty ? String(word) : " " + word
            }
        }
        lines.append(line)
        return lines
    }

    /// The top-level graph: left to right, the title on top (wrapped past `titleWidth`).
    static func graphAttributes(title: String) -> [Attribute] {
        [
            Attribute(
                "label",
                title.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrapped(String($0), width: titleWidth) }
                    .map(escaped).joined(separator: "\\n")),
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

    /// Dark red, orange, yellow, light grey from critical down (so critical is the strongest,
    /// in colour and in grey print); white when unrated.
    static func fillColor(for criticality: Criticality?) -> String {
        switch criticality {
        case .critical: "#b91c1c"
        case .high: "#fb923c"
        case .medium: "#fde68a"
        case .low: "#f3f4f6"
        case nil: "#ffffff"
        }
    }

    /// White on the darkest fill, the text colour elsewhere.
    static func fontColor(for node: Scene.Node) -> String {
        switch node.kind {
        case .resource, .aggregate: node.criticality == .critical ? "#ffffff" : textColor
        case .credential, .identity, .group, .role: textColor
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

    /// Horizontal and vertical label margin of cylinders, in inches.
    static let cylinderMargin = "0.11,0.14"
    static let changeRed = "#b91c1c"
    static let addedGreen = "#15803d"
    static let fadedText = "#9ca3af"
    static let fadedOutline = "#d1d5db"
    static let fadedFill = "#f3f4f6"
    /// Appended to a colour to fade it strongly (RGBA alpha, 25%).
    static let stronglyFadedAlpha = "40"

    /// The node's label: its (shortened) name, its detail, then the line its state adds.
    static func label(of node: Scene.Node) -> String {
        var lines = [node.label]
        if let detail = node.detail, !detail.isEmpty { lines.append(detail) }
        if node.isBlocked {
            lines.append(node.isEligibleOnly ? "✕ not reached: only once approved" : "✕ not reached")
        } else if node.isFaded {
            lines.append("cut off")
        } else if node.isEligibleOnly {
            lines.append("once approved")
        }
        return lines.map(escaped).joined(separator: "\\n")
    }

    static func nodeAttributes(_ node: Scene.Node) -> [Attribute] {
        var attributes = [
            Attribute("label", label(of: node)),
            Attribute("shape", shape(for: node.kind)),
        ]
        if case .resource = node.kind {
            // A cylinder's top curve runs into the label's box: keep text below it.
            attributes.append(Attribute("margin", cylinderMargin))
        }
        if node.isFaded && !node.isSource {
            attributes += [
                Attribute("fillcolor", fadedFill), Attribute("color", fadedOutline), Attribute("fontcolor", fadedText),
            ]
        } else {
            attributes.append(Attribute("fillcolor", fillColor(for: node)))
            let font = fontColor(for: node)
            if font != textColor { attributes.append(Attribute("fontcolor", font)) }
        }
        if node.isEligibleOnly && !node.isFaded {
            attributes.append(Attribute("style", "filled,dashed"))
        }
        if node.isBlocked {
            attributes += [Attribute("penwidth", "3"), Attribute("color", changeRed), Attribute("fontname", boldFontName)]
        } else if node.isSource {
            switch node.kind {
            case .resource, .aggregate: break
            case .credential, .identity, .group, .role: attributes.append(Attribute("peripheries", "2"))
            }
            attributes += [Attribute("penwidth", "2.5"), Attribute("color", emphasisColor), Attribute("fontname", boldFontName)]
        } else if node.isHighlighted && !node.isFaded {
            attributes += [Attribute("penwidth", "2"), Attribute("color", emphasisColor)]
        }
        if !node.tooltip.isEmpty {
            attributes.append(Attribute("tooltip", escaped(node.tooltip)))
        }
        return attributes
    }

    /// The arrowhead a gated edge ends in: an open dot for MFA, an open diamond for a condition.
    static func arrowhead(for edge: Scene.Edge) -> String? {
        switch (edge.needsMFA, edge.isConditional) {
        case (false, false): nil
        case (true, false): "normalodot"
        case (false, true): "normalodiamond"
        case (true, true): "normalodotodiamond"
        }
    }

    /// - Parameter fadesOthers: whether the scene highlights anything, so that edges it does not
    ///   highlight are faded.
    static func edgeAttributes(_ edge: Scene.Edge, fadesOthers: Bool) -> [Attribute] {
        var attributes: [Attribute]
        var mark: String?
        if edge.isRemoved {
            mark = "✕ removed"
            attributes = [
                Attribute("color", "\(changeRed):#ffffff:\(changeRed)"), Attribute("penwidth", "2"), Attribute("arrowhead", "tee"),
                Attribute("fontcolor", changeRed), Attribute("fontname", boldFontName),
            ]
        } else if edge.isAdded {
            mark = "+ added"
            attributes = [
                Attribute("color", "\(addedGreen):#ffffff:\(addedGreen)"), Attribute("penwidth", "2"),
                Attribute("fontcolor", addedGreen), Attribute("fontname", boldFontName),
            ]
        } else if edge.isBlocked {
            mark = "✕ blocked"
            attributes = [
                Attribute("color", changeRed), Attribute("style", "dashed"), Attribute("penwidth", "3"), Attribute("arrowhead", "tee"),
                Attribute("fontcolor", changeRed), Attribute("fontname", boldFontName),
            ]
        } else if edge.isInactive {
            attributes = [Attribute("color", removedColor), Attribute("style", "dotted"), Attribute("fontcolor", fadedText)]
        } else if edge.isFaded {
            attributes = [
                Attribute("color", color(for: edge.kind) + stronglyFadedAlpha), Attribute("fontcolor", fadedText),
            ]
        } else if edge.isHighlighted {
            attributes = [Attribute("color", highlightColor(for: edge.kind)), Attribute("penwidth", "2.5")]
        } else {
            let color = color(for: edge.kind)
            attributes = [Attribute("color", fadesOthers ? color + fadedAlpha : color)]
        }
        if edge.needsApproval && !edge.isInactive && !edge.isBlocked {
            attributes.append(Attribute("style", "dashed"))
        }
        if !edge.isRemoved && !edge.isBlocked, let arrowhead = arrowhead(for: edge) {
            attributes.append(Attribute("arrowhead", arrowhead))
        }
        let text = [mark, edge.label.isEmpty ? nil : edge.label].compactMap { $0 }.map(escaped).joined(separator: "\\n")
        // An external label (`xlabel`), placed after layout: Graphviz 2.43's `dot` aborts (double
        // free) laying out some clustered graphs whose edges carry ranked `label`s, such as the
        // whole sample model with its allow edges' actions.
        if !text.isEmpty {
            attributes.append(Attribute("xlabel", text))
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
