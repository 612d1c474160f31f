/// A scene Graphviz could not draw.
///
/// Carries what failed, what to do about it, and the last message Graphviz reported (its own
/// stderr output is silenced while rendering).
public struct RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The scene contradicts itself: a duplicate node id, an edge to a node it does not hold.
        case invalidScene = "invalid-scene"
        /// Graphviz could not start: its context or plugins are missing.
        case context = "context"
        /// cgraph refused to build a graph, node, edge or attribute.
        case graph = "graph"
        /// The `dot` layout failed.
        case layout = "layout"
        /// Writing DOT or SVG failed.
        case output = "output"
    }

    public var code: Code
    public var message: String
    /// What Graphviz said last (`aglasterr()`), when it said anything.
    public var graphvizMessage: String?

    public init(_ code: Code, _ message: String, graphvizMessage: String? = nil) {
        self.code = code
        self.message = message
        self.graphvizMessage = graphvizMessage
    }

    public var description: String {
        guard let graphvizMessage, !graphvizMessage.isEmpty else { return "error: \(message)" }
        return "error: \(message) (Graphviz: \(graphvizMessage))"
    }
}
