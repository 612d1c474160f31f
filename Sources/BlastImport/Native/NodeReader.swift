import BlastCore
import Yams

/// The keys one kind of mapping in a YAML file may hold: a closed vocabulary, like `CodingKey`s.
public protocol SchemaKey: RawRepresentable<String>, CaseIterable {}

/// One scalar exactly as written, and where it was written; the mapping step turns it into an id,
/// an enum case, a boolean or a date.
public struct RawScalar: Equatable, Sendable {
    public var text: String
    /// Written without quotes, so that `true` is a YAML boolean rather than a string.
    public var isPlain: Bool
    public var at: SourceLocation
}

/// A node of a parsed document together with its place (file, key path, line): blast's one
/// located-YAML reader. Model files, patches, Kubernetes manifests, and the CLI's check policies
/// and suppression files all read through it.
///
/// Reads the node into raw values, and rejects shapes and keys the schema does not define: every
/// problem becomes an `ImportError` naming the key path and the line.
public struct NodeReader {
    /// Parses one YAML (or JSON) document; nil when the document is empty or null. Syntax
    /// errors name the file, line and column.
    public static func parse(_ text: String, file: String) throws(ImportError) -> NodeReader? {
        let root: Yams.Node?
        // Composed through a parser kept alive until the aliases are counted: nodes hold their
        // anchors weakly, and the parser owns them.
        let parser: Yams.Parser
        do {
            parser = try Yams.Parser(yaml: text)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw ImportError(error, file: file)
        } catch {
            throw ImportError(.syntax, "syntax: \(error)", file: file)
        }
        guard let root, root.null == nil else { return nil }
        let size = text.utf8.count
        _ = try withExtendedLifetime(parser) { () throws(ImportError) in
            try AliasExpansion.count(root, budget: AliasExpansion.limit(fileSize: size), fileSize: size, file: file, keyPath: "")
        }
        return NodeReader(node: root, file: file, keyPath: "")
    }

    let node: Yams.Node
    public let file: String
    /// `grants[3].expires`; empty for the document itself.
    public let keyPath: String

    /// Where this node was written.
    public var location: SourceLocation { SourceLocation(file: file, line: node.mark?.line, keyPath: keyPath) }

    /// Whether the node is YAML null: `~`, `null`, or nothing at all after the key.
    public var isNull: Bool { node.null != nil }

    /// The reader of item `index` of this sequence.
    func item(_ index: Int, _ node: Yams.Node) -> NodeReader {
        NodeReader(node: node, file: file, keyPath: "\(keyPath)[\(index)]")
    }

    /// The reader of the value under `key` in this mapping.
    func value(_ key: String, _ node: Yams.Node) -> NodeReader {
        NodeReader(node: node, file: file, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)")
    }

    /// The node as one scalar; numbers and booleans are read as the text written.
    public func scalar() throws(ImportError) -> RawScalar {
        guard case .scalar(let scalar) = node, !isNull else { throw wrongType(expected: "a string") }
        return RawScalar(text: scalar.string, isPlain: scalar.style == .plain, at: location)
    }

    /// The items of a sequence; null reads as no items.
    public func items() throws(ImportError) -> [NodeReader] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else { throw wrongType(expected: "a list") }
        return sequence.enumerated().map { item($0.offset, $0.element) }
    }

    /// A sequence of scalars, such as `members: [alice, sre]`.
    public func scalars() throws(ImportError) -> [RawScalar] {
        var result: [RawScalar] = []
        for item in try items() { result.append(try item.scalar()) }
        return result
    }

    /// A sequence of mappings, each read by `read`.
    public func list<T>(_ read: (NodeReader) throws(ImportError) -> T) throws(ImportError) -> [T] {
        var result: [T] = []
        for item in try items() { result.append(try read(item)) }
        return result
    }

    /// The node as a mapping whose keys are all in `Key`.
    public func fields<Key: SchemaKey>(_ keys: Key.Type) throws(ImportError) -> Fields<Key> {
        let fields = try mapping(keys)
        try fields.rejectUnknownKeys()
        return fields
    }

    /// The node as a mapping, its keys not yet checked (the top level checks `version` first).
    public func mapping<Key: SchemaKey>(_ keys: Key.Type) throws(ImportError) -> Fields<Key> {
        guard case .mapping(let mapping) = node else {
            throw wrongType(expected: "a mapping with the keys \(Fields<Key>.allowedList)")
        }
        var entries: [(key: RawScalar, value: NodeReader)] = []
        for (keyNode, valueNode) in mapping {
            let keyReader = NodeReader(node: keyNode, file: file, keyPath: keyPath)
            guard case .scalar(let key) = keyNode else { throw keyReader.wrongType(expected: "a key") }
            entries.append(
                (
                    RawScalar(text: key.string, isPlain: key.style == .plain, at: keyReader.location),
                    value(key.string, valueNode)
                ))
        }
        return Fields(owner: self, entries: entries)
    }

    /// A `badValue` error about this node: the value is the right shape but not allowed.
    public func error(_ message: String) -> ImportError {
        ImportError(.badValue, message, at: location)
    }

    /// A `wrongType` error naming what was expected and what was found here.
    public func wrongType(expected: String) -> ImportError {
        ImportError(.wrongType, "expected \(expected), found \(found)", at: location)
    }

    /// What the node is, for messages: `a list`, `the value 'alice'`.
    private var found: String {
        switch node {
        case .scalar(let scalar): isNull ? "nothing (null)" : "the value \(quoted(scalar.string))"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// A mapping read by a `NodeReader`: its values by key, and its keys in document order.
public struct Fields<Key: SchemaKey> {
    /// The mapping itself.
    public let owner: NodeReader
    /// The keys as written, in document order (YAML has already rejected duplicates).
    private let keys: [RawScalar]
    private let values: [String: NodeReader]

    init(owner: NodeReader, entries: [(key: RawScalar, value: NodeReader)]) {
        self.owner = owner
        keys = entries.map(\.key)
        values = Dictionary(entries.map { ($0.key.text, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// `id, type, resource`: the keys in schema order, for messages.
    public static var allowedList: String { Key.allCases.map(\.rawValue).joined(separator: ", ") }

    /// Throws for the first key not in `Key`, suggesting the closest allowed key.
    public func rejectUnknownKeys() throws(ImportError) {
        for key in keys where Key(rawValue: key.text) == nil {
            let guess =
                Suggestion.closest(to: key.text, among: Key.allCases.map(\.rawValue))
                .map { " did you mean '\($0)'?" } ?? ""
            let path = owner.keyPath.isEmpty ? key.text : "\(owner.keyPath).\(key.text)"
            throw ImportError(
                .unknownKey, "unknown key \(quoted(key.text));\(guess) allowed keys here: \(Self.allowedList)",
                at: SourceLocation(file: key.at.file, line: key.at.line, keyPath: path))
        }
    }

    /// The value under `key`; nil when the key is absent or its value is null.
    public subscript(key: Key) -> NodeReader? {
        values[key.rawValue].flatMap { $0.isNull ? nil : $0 }
    }

    /// The value under `key`, which must be present and not null; `what` names the expected value.
    public func required(_ key: Key, _ what: String) throws(ImportError) -> NodeReader {
        guard let value = values[key.rawValue] else {
            throw ImportError(
                .missingKey, "missing required key '\(key.rawValue)'; add `\(key.rawValue): <\(what)>`",
                at: owner.location)
        }
        guard !value.isNull else {
            throw ImportError(.missingKey, "'\(key.rawValue)' has no value; write the \(what)", at: value.location)
        }
        return value
    }
}
