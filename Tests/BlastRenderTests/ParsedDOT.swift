/// The statements of DOT text as Graphviz writes it, for tests to ask about one node, edge or
/// subgraph at a time.
///
/// Understands what `agwrite` produces: `subgraph NAME { … }`, `graph|node|edge [defaults]`,
/// `A -> B [attributes]` and `A [attributes]`, with IDs bare or quoted. Values keep their DOT
/// escapes except `\"`.
struct ParsedDOT {
    struct Node {
        var subgraph: String?
        var attributes: [String: String]
    }

    struct Edge {
        var tail: String
        var head: String
        var attributes: [String: String]
    }

    /// Nodes by name, with the innermost subgraph they are written in.
    private(set) var nodes: [String: Node] = [:]
    private(set) var edges: [Edge] = []
    /// Subgraph names in the order written.
    private(set) var subgraphs: [String] = []
    /// `graph [...]` attributes by subgraph name; the top-level graph under "".
    private(set) var graphAttributes: [String: [String: String]] = [:]

    init(_ bytes: [UInt8]) {
        var tokens = Self.tokens(of: String(decoding: bytes, as: UTF8.self))[...]
        var stack: [String] = []
        // Skip `digraph NAME {`.
        while let token = tokens.popFirst(), token != .punctuation("{") {}
        while let token = tokens.popFirst() {
            switch token {
            case .punctuation("}"):
                _ = stack.popLast()
            case .punctuation(";"):
                continue
            case .identifier("subgraph"):
                guard case .identifier(let name)? = tokens.popFirst() else { return }
                _ = tokens.popFirst()  // {
                subgraphs.append(name)
                stack.append(name)
            case .identifier("graph"):
                graphAttributes[stack.last ?? "", default: [:]].merge(Self.attributes(from: &tokens)) { $1 }
            case .identifier("node"), .identifier("edge"):
                _ = Self.attributes(from: &tokens)
            case .identifier(let name):
                if tokens.first == .punctuation("->") {
                    _ = tokens.popFirst()
                    guard case .identifier(let head)? = tokens.popFirst() else { return }
                    edges.append(Edge(tail: name, head: head, attributes: Self.attributes(from: &tokens)))
                } else {
                    nodes[name] = Node(subgraph: stack.last, attributes: Self.attributes(from: &tokens))
                }
            case .punctuation:
                continue
            }
        }
    }

    /// The attributes of the node named `name`, nil when it is not written.
    func node(_ name: String) -> [String: String]? {
        nodes[name]?.attributes
    }

    /// The attributes of the edges from `tail` to `head`, in the order written.
    func edges(from tail: String, to head: String) -> [[String: String]] {
        edges.filter { $0.tail == tail && $0.head == head }.map(\.attributes)
    }

    private enum Token: Equatable {
        case identifier(String)
        case punctuation(String)
    }

    private static func attributes(from tokens: inout ArraySlice<Token>) -> [String: String] {
        guard tokens.first == .punctuation("[") else { return [:] }
        _ = tokens.popFirst()
        var attributes: [String: String] = [:]
        while let token = tokens.popFirst(), token != .punctuation("]") {
            guard case .identifier(let name) = token, tokens.popFirst() == .punctuation("="),
                case .identifier(let value)? = tokens.popFirst()
            else { continue }
            attributes[name] = value
        }
        return attributes
    }

    private static func tokens(of text: String) -> [Token] {
        var tokens: [Token] = []
        var characters = Array(text)[...]
        while let character = characters.first {
            switch character {
            case _ where character.isWhitespace:
                characters.removeFirst()
            case "\"":
                characters.removeFirst()
                var value = ""
                while let next = characters.popFirst(), next != "\"" {
                    if next == "\\", characters.first == "\"" {
                        value.append(characters.removeFirst())
                    } else if next == "\\", characters.first == "\n" {
                        characters.removeFirst()  // a line continuation
                    } else {
                        value.append(next)
                    }
                }
                tokens.append(.identifier(value))
            case "-" where characters.dropFirst().first == ">":
                characters.removeFirst(2)
                tokens.append(.punctuation("->"))
            case "{", "}", "[", "]", "=", ",", ";":
                tokens.append(.punctuation(String(characters.removeFirst())))
            default:
                var value = ""
                while let next = characters.first, !next.isWhitespace, !"{}[]=,;\"".contains(next) {
                    value.append(characters.removeFirst())
                }
                tokens.append(.identifier(value))
            }
        }
        return tokens
    }
}

extension ParsedDOT {
    /// The captions of the legend's edge samples (plain-text nodes in `cluster_legend`).
    var legendCaptions: Set<String> {
        Set(
            nodes.values.filter { $0.subgraph == "cluster_legend" && $0.attributes["shape"] == "plaintext" }.compactMap {
                $0.attributes["label"]
            })
    }

    /// The attributes of the legend's edge sample captioned `caption`.
    func legendSample(_ caption: String) -> [String: String]? {
        guard let name = nodes.first(where: { $0.value.attributes["shape"] == "plaintext" && $0.value.attributes["label"] == caption })?.key
        else { return nil }
        return edges.first { $0.tail == name }?.attributes
    }
}
