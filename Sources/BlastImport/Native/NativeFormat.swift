import BlastCore

/// The native model schema (YAML or JSON), and model snapshots (`ModelSnapshot`).
///
/// Each file is decoded faithfully into `RawModelFile` (unknown keys, wrong shapes and bad values
/// are errors naming the file, line and key path), mapped into model values carrying their
/// `SourceLocation`, and merged with the other files by `Model.merged(_:listsSet:)`.
public enum NativeFormat: FormatImporter {
    public static let formatName = "native"

    public static func recognises(path: String, text: String) -> Bool { true }

    public static func importModel(files: [SourceFile], context: inout ImportContext) throws(ImportError) -> Model {
        var parts: [Model] = []
        var listsSet: [(takeover: Bool, reveal: Bool)] = []
        for f in files {
            if let snapshot = f.snapshot {
                let m = try ModelSnapshot.model(from: snapshot, file: f.path)
                parts.append(m)
                // As for the native JSON `blast export --format json` writes: the lists count as set when not the defaults.
                listsSet.append((m.takeoverActions != Model.defaultTakeoverActions, m.revealActions != Model.defaultRevealActions))
            } else {
                let (m, sets) = try model(f.text, file: f.path)
                parts.append(m)
                listsSet.append(sets)
            }
        }
        return Model.merged(parts, listsSet: listsSet)
    }

    /// Decodes one document, named `file` in errors and origins, without validating references
    /// (a file may refer to ids another file declares; `ModelSources.load(paths:)` validates after
    /// merging). Reads JSON as YAML, so that origins carry lines.
    /// - Complexity: O(n) in the length of `text`.
    public static func decode(text: String, file: String) throws(ImportError) -> Model {
        let raw = try RawModelFile(parsing: text, file: file)
        return Model.merged([try raw.model()], listsSet: [raw.listsSet])
    }

    /// One file's model and which lists it sets: through `JSONDecoder` when the text is JSON that
    /// decodes and maps cleanly and repeats no key in an object (fast on large models), else through the located YAML reader, whose
    /// errors name the line.
    private static func model(_ text: String, file: String) throws(ImportError) -> (Model, (takeover: Bool, reveal: Bool)) {
        // A key written twice (which JSONDecoder would silently resolve to its first value) takes
        // the located path, which rejects it with its line.
        if RawModelFile.looksLikeJSON(text), JSONDuplicateKeys.first(in: text) == nil, let raw = try? RawModelFile(json: text, file: file),
            let m = try? raw.model()
        {
            return (m, raw.listsSet)
        }
        let raw = try RawModelFile(parsing: text, file: file)
        return (try raw.model(), raw.listsSet)
    }
}
