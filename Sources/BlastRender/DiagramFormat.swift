/// What `GraphvizRenderer` produces.
public enum DiagramFormat: String, Sendable, CaseIterable {
    /// Graphviz's own DOT text, without layout positions: diff-able, golden-comparable.
    case dot
    /// A laid-out SVG drawing with tooltips; embeds the Graphviz version, so compare it by structure.
    case svg
}
