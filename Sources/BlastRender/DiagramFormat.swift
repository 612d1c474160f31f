/// What `GraphvizRenderer` produces.
public enum DiagramFormat: String, Sendable, CaseIterable {
    /// Graphviz's own DOT text, without layout positions: diff-able, golden-comparable.
    case dot
    /// A laid-out SVG drawing with tooltips; embeds the Graphviz version, so compare it by structure.
    case svg
    /// A laid-out PNG image (Graphviz's cairo plugin), for pages and chats that show no SVG.
    case png
    /// A laid-out PDF page (Graphviz's cairo plugin), for print.
    case pdf

    /// Whether the output is laid out (everything but DOT).
    public var isLaidOut: Bool { self != .dot }
}
