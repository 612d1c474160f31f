import BlastCore
import Foundation

/// Loads native model files (YAML, JSON with the same schema, or model snapshots) into a validated `Model`.
///
/// Each file is parsed, decoded faithfully (unknown keys, wrong shapes and bad values are errors
/// naming the file, line and key path), mapped into model values carrying their `SourceLocation`,
/// merged with the other files, and validated as a whole.
public enum ModelLoader {
    /// Reads, decodes and merges the files at `paths`, in order, and validates the result.
    ///
    /// Lists are concatenated in file order; `takeover_actions` and `reveal_actions` are the union,
    /// in first-seen order, of the files that set them, or the defaults of `Model` when none does.
    /// Ids must be unique across all files: a clash names both places.
    /// - Complexity: O(n) in the total size of the files, plus `Model.validate()`.
    public static func load(paths: [String]) throws(ImportError) -> Model {
        var files: [SourceFile] = []
        for path in paths { files.append(try readFile(path)) }
        var context = ImportContext()
        let model = try NativeFormat.importModel(files: files, context: &context)
        do {
            try model.validate()
        } catch {
            throw ImportError(error)
        }
        return model
    }

    /// Decodes one document, named `file` in errors and origins, without validating references
    /// (a file may refer to ids another file declares; `load(paths:)` validates after merging).
    /// - Complexity: O(n) in the length of `text`.
    public static func decode(text: String, file: String) throws(ImportError) -> Model {
        try RawModelFile.model(merging: [RawModelFile(parsing: text, file: file)])
    }

    /// The UTF-8 text of the file at `path`.
    static func read(_ path: String) throws(ImportError) -> String {
        try text(of: contents(path), path: path)
    }

    /// The file at `path`: a model snapshot when its bytes start with the snapshot magic, else
    /// its UTF-8 text.
    static func readFile(_ path: String) throws(ImportError) -> SourceFile {
        let data = try contents(path)
        if ModelSnapshot.isSnapshot(data) { return SourceFile(path: path, snapshot: data) }
        return SourceFile(path: path, text: try text(of: data, path: path))
    }

    private static func contents(_ path: String) throws(ImportError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(.unreadable, "cannot read the file: \(whyUnreadable(path)); check the path", file: path)
        }
        return data
    }

    private static func text(of data: Data, path: String) throws(ImportError) -> String {
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ImportError(.unreadable, "the file is not UTF-8 text; save it as UTF-8", file: path)
        }
        return text
    }

    /// Why the file at `path` could not be read, in a few words.
    private static func whyUnreadable(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        return FileManager.default.isReadableFile(atPath: path) ? "the read failed" : "permission denied"
    }
}
