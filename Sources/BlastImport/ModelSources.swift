import BlastCore
import Foundation

/// A format `blast` can read, recognised by content so that any mix of files just works.
public protocol FormatImporter {
    /// A short name for messages: "native", "aws", "k8s".
    static var formatName: String { get }
    /// Whether the text (of the file at `path`) is in this format. Cheap: looks at the start only.
    static func recognises(path: String, text: String) -> Bool
    /// One model from every file recognised as this format, imported together (so that, for
    /// example, an AWS credential report can refer to users of an authorization-details file).
    static func importModel(files: [SourceFile]) throws(ImportError) -> Model
}

/// A file read into memory.
public struct SourceFile: Sendable {
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Reads any mix of supported files (native models, and the exports the importers understand)
/// into one validated model.
public enum ModelSources {
    /// Importers tried in order; the native format comes last and takes whatever is left.
    public static let importers: [any FormatImporter.Type] = [NativeFormat.self]

    /// Reads, recognises, imports and merges the files, then validates the whole.
    /// - Complexity: O(n) in the total size of the files, plus each importer's cost.
    public static func load(paths: [String]) throws(ImportError) -> Model {
        var groups: [[SourceFile]] = Array(repeating: [], count: importers.count)
        for path in paths {
            let file = SourceFile(path: path, text: try ModelLoader.read(path))
            let k = importers.firstIndex { $0.recognises(path: path, text: file.text) } ?? importers.count - 1
            groups[k].append(file)
        }
        var parts: [Model] = []
        for (k, files) in groups.enumerated() where !files.isEmpty {
            parts.append(try importers[k].importModel(files: files))
        }
        let model = Model.merged(parts)
        do {
            try model.validate()
        } catch {
            throw ImportError(error)
        }
        return model
    }
}

/// The native model schema (YAML or JSON).
public enum NativeFormat: FormatImporter {
    public static let formatName = "native"

    public static func recognises(path: String, text: String) -> Bool { true }

    public static func importModel(files: [SourceFile]) throws(ImportError) -> Model {
        var raw: [RawModelFile] = []
        for f in files { raw.append(try RawModelFile(parsing: f.text, file: f.path)) }
        return try RawModelFile.model(merging: raw)
    }
}
