import BlastCore
import Yams

/// A parsed YAML document with the file name, for reading small side files with located errors.
struct AuditYAML {
    struct Value {
        let node: Yams.Node
        let file: String
        let keyPath: String

        var location: SourceLocation { SourceLocation(file: file, line: node.mark?.line, keyPath: keyPath) }

        func error(_ message: String) -> CommandFailure {
            let place = node.mark.map { "\(file):\($0.line)" } ?? file
            return CommandFailure("\(place): error: \(keyPath.isEmpty ? "" : keyPath + ": ")\(message)")
        }

        func string() throws(CommandFailure) -> String {
            guard case .scalar(let s) = node, node.null == nil else { throw error("expected a string") }
            return s.string
        }

        func int() throws(CommandFailure) -> Int {
            guard let v = Int(try string()), v >= 0 else { throw error("expected a whole number, 0 or more") }
            return v
        }

        func instant() throws(CommandFailure) -> Instant {
            let s = try string()
            guard let t = Instant(iso8601: s) else { throw error("'\(s)' is not a date; use YYYY-MM-DD") }
            return t
        }

        func items() throws(CommandFailure) -> [Value] {
            guard case .sequence(let seq) = node else { throw error("expected a list") }
            return seq.enumerated().map { Value(node: $0.element, file: file, keyPath: "\(keyPath)[\($0.offset)]") }
        }

        func mapping(allowed: [String]) throws(CommandFailure) -> Mapping {
            guard case .mapping(let m) = node else { throw error("expected a mapping with the keys \(allowed.joined(separator: ", "))") }
            var values: [String: Value] = [:]
            for (k, v) in m {
                guard case .scalar(let key) = k else { throw error("expected a key") }
                let path = keyPath.isEmpty ? key.string : "\(keyPath).\(key.string)"
                guard allowed.contains(key.string) else {
                    let hint = Suggestion.closest(to: key.string, among: allowed).map { " did you mean '\($0)'?" } ?? ""
                    throw Value(node: k, file: file, keyPath: path).error("unknown key '\(key.string)';\(hint) allowed keys here: \(allowed.joined(separator: ", "))")
                }
                values[key.string] = Value(node: v, file: file, keyPath: path)
            }
            return Mapping(owner: self, values: values)
        }
    }

    struct Mapping {
        let owner: Value
        let values: [String: Value]

        subscript(key: String) -> Value? { values[key].flatMap { $0.node.null == nil ? $0 : nil } }

        func required(_ key: String) throws(CommandFailure) -> Value {
            guard let v = self[key] else { throw owner.error("missing required key '\(key)'") }
            return v
        }
    }

    let root: Value

    init(path: String, text: String) throws(CommandFailure) {
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw CommandFailure("\(path): error: not valid YAML: \(error)")
        }
        guard let node else { throw CommandFailure("\(path): error: the file is empty") }
        root = Value(node: node, file: path, keyPath: "")
    }
}
