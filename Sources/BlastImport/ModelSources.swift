import BlastCore
import Foundation

/// A format `blast` can read, recognised by content so that any mix of files just works.
public protocol FormatImporter: Sendable {
    /// A short name for messages: "native", "aws", "k8s".
    static var formatName: String { get }
    /// Whether the text (of the file at `path`) is in this format. Cheap: looks at the start only.
    static func recognises(path: String, text: String) -> Bool
    /// One model from every file recognised as this format, imported together (so that, for
    /// example, an AWS credential report can refer to users of an authorization-details file).
    /// `context` holds the ids declared by formats imported earlier (a Kubernetes service account
    /// annotated with an AWS role links to it only when the AWS export is loaded too) and collects
    /// notes about what was not modelled.
    static func importModel(files: [SourceFile], context: inout ImportContext) throws(ImportError) -> Model
}

/// What importers share while one set of files is imported.
public struct ImportContext: Sendable {
    /// Ids declared by the formats imported so far.
    public var declaredIDs: Set<String> = []
    /// What an importer read but did not model, or linked only partly: shown to the user.
    public var notes: [ImportNote] = []
    /// Access key ids the exports lack (`--key ID=USER`), by "user" (name or ARN, optionally
    /// `#2` for the second key slot).
    public var accessKeys: [String: String] = [:]

    public init(accessKeys: [String: String] = [:]) {
        self.accessKeys = accessKeys
    }
}

/// A visible diagnostic about input that was understood only in part.
public struct ImportNote: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let keyPath: String?
    public let message: String

    public init(file: String, keyPath: String? = nil, message: String) {
        self.file = file
        self.keyPath = keyPath
        self.message = message
    }

    /// `authz.json: note: RoleDetailList[3]: condition aws:SourceIp kept as conditional`.
    public var description: String {
        SourceLocation(file: file, keyPath: keyPath ?? "").diagnostic(message, severity: "note")
    }
}

/// A validated model and the notes its importers left.
public struct ImportedModel: Sendable {
    /// The model with the id table its validation built (compile it with `AccessGraph.compile(_:)`).
    public let validated: ValidatedModel
    public let notes: [ImportNote]
    /// Whether the model came from the cache (`ModelCache`) rather than from the inputs.
    public let fromCache: Bool

    public init(validated: ValidatedModel, notes: [ImportNote], fromCache: Bool = false) {
        self.validated = validated
        self.notes = notes
        self.fromCache = fromCache
    }

    public var model: Model { validated.model }
}

/// A file read into memory: UTF-8 text, or the bytes of a binary model snapshot.
public struct SourceFile: Sendable {
    public let path: String
    /// The file's text; empty for a snapshot.
    public let text: String
    /// The bytes of a binary model snapshot (`ModelSnapshot`), recognised by its magic bytes
    /// before any text decoding; nil for a text file.
    public let snapshot: Data?

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.snapshot = nil
    }

    public init(path: String, snapshot: Data) {
        self.path = path
        self.text = ""
        self.snapshot = snapshot
    }
}

/// Reads any mix of supported files (native models, and the exports the importers understand)
/// into one validated model.
public enum ModelSources {
    /// Importers tried in order; the native format comes last and takes whatever is left.
    public static let importers: [any FormatImporter.Type] = [AWSFormat.self, KubernetesFormat.self, NativeFormat.self]

    /// The names of the formats, in recognition order.
    public static var formatNames: [String] { importers.map { $0.formatName } }

    /// The name of the format a file is recognised as ("native" when no importer claims it).
    public static func format(of file: SourceFile) -> String { importers[formatIndex(of: file)].formatName }

    /// Reads a file: a model snapshot when it starts with the snapshot magic bytes, else UTF-8
    /// text; errors name the path and the reason.
    public static func read(_ path: String) throws(ImportError) -> SourceFile {
        let data = try contents(path)
        if ModelSnapshot.isSnapshot(data) { return SourceFile(path: path, snapshot: data) }
        return SourceFile(path: path, text: try text(of: data, path: path))
    }

    /// The UTF-8 text of the file at `path` (a patch, say); errors name the path and the reason.
    static func text(at path: String) throws(ImportError) -> String {
        try text(of: contents(path), path: path)
    }

    private static func contents(_ path: String) throws(ImportError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(.unreadable, "cannot read the file: \(whyUnreadable(path)); check the path", file: path)
        }
        return data
    }

    private static func text(of data: Data, path: String) throws(ImportError) -> String {
        // A UTF-8 byte-order mark (Excel's "CSV UTF-8", some Windows editors) is not part of the text.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = data.starts(with: bom) ? data.dropFirst(3) : data[...]
        guard let text = String(validating: body, as: UTF8.self) else {
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

    /// Snapshots are native models (in binary), so they merge in file order with the native files.
    static func formatIndex(of file: SourceFile) -> Int {
        if file.snapshot != nil { return importers.count - 1 }
        return importers.firstIndex { $0.recognises(path: file.path, text: file.text) } ?? importers.count - 1
    }

    /// Reads, recognises, imports and merges the files, then validates the whole: the one way in
    /// for every kind of input.
    ///
    /// Lists are concatenated in file order; `takeover_actions` and `reveal_actions` are the union,
    /// in first-seen order, of the files that set them (`Model.merged(_:listsSet:)`). Ids must be
    /// unique across all files: a clash names both places. Errors name the file, line and key path.
    /// - Complexity: O(n) in the total size of the files, plus each importer's cost.
    public static func load(paths: [String], accessKeys: [String: String] = [:], cache: ModelCache? = nil) throws(ImportError)
        -> ImportedModel
    {
        var files: [SourceFile] = []
        for path in paths { files.append(try read(path)) }
        guard let cache, files.contains(where: { $0.snapshot == nil }) else { return try load(consume files, accessKeys: accessKeys) }
        let key = cache.key(for: files, accessKeys: accessKeys)
        if let cached = cache.lookup(key) { return cached }
        let imported = try load(consume files, accessKeys: accessKeys)
        cache.store(key, imported)
        return imported
    }

    /// Imports files already read; they are released group by group as they are imported.
    private static func load(_ files: consuming [SourceFile], accessKeys: [String: String]) throws(ImportError) -> ImportedModel {
        var groups: [[SourceFile]] = Array(repeating: [], count: importers.count)
        for file in files { groups[formatIndex(of: file)].append(file) }
        files = []
        let nativeFiles = Set(groups[importers.count - 1].lazy.filter { $0.snapshot == nil }.map(\.path))
        let snapshots = groups[importers.count - 1].filter { $0.snapshot != nil }.map(\.path)
        let inputPaths = Set(groups.joined().map(\.path))
        var parts: [Model] = []
        var context = ImportContext(accessKeys: accessKeys)
        let lastGroup = groups.lastIndex { !$0.isEmpty }
        for k in groups.indices where !groups[k].isEmpty {
            let files = groups[k]
            groups[k] = []  // the files' text and bytes go once imported, before validation
            let part = try importers[k].importModel(files: files, context: &context)
            parts.append(part)
            // Only later importers read the ids, so the last one skips the set (all of a large native model).
            guard k != lastGroup else { continue }
            context.declaredIDs.formUnion(
                part.identities.map(\.id) + part.credentials.map(\.id) + part.groups.map(\.id)
                    + part.roles.map(\.id) + part.resources.map(\.id))
        }
        let validated: ValidatedModel
        do {
            validated = try Model.merged(parts).validated()
        } catch {
            throw blamingSnapshot(ImportError(error), snapshots: snapshots, inputs: inputPaths)
        }
        try checkScopes(validated.model, nativeFiles: nativeFiles)
        try checkLineBreaks(validated.model)
        return ImportedModel(validated: validated, notes: context.notes.sorted { $0.description < $1.description })
    }

    /// An error located in a file that was not given, when snapshots were: the location is the
    /// origin a snapshot recorded (the YAML it was made from, which may be gone), so the error is
    /// put on the snapshot, and the recorded place kept in the message.
    static func blamingSnapshot(_ error: ImportError, snapshots: [String], inputs: Set<String>) -> ImportError {
        guard !snapshots.isEmpty, let file = error.file else { return error }
        guard !inputs.contains(file) else {
            // The error is in a given file, but the first declaration it cites may be a snapshot's record.
            guard let cited = citedFile(in: error.message), !inputs.contains(cited) else { return error }
            var hinted = error
            hinted.message += " (\(cited) is where a snapshot, \(snapshots.joined(separator: " or ")), was made from)"
            return hinted
        }
        var blamed = error
        let recorded = SourceLocation(file: file, line: error.line, keyPath: "").place
        blamed.file = snapshots.count == 1 ? snapshots[0] : snapshots.joined(separator: ", ")
        blamed.line = nil
        blamed.column = nil
        blamed.message = error.message + " (recorded at \(recorded) when the snapshot was made)"
        return blamed
    }

    /// The file of a `first declared at FILE:LINE` in a validation message, if any.
    static func citedFile(in message: String) -> String? {
        guard let start = message.range(of: "first declared at ")?.upperBound else { return nil }
        var place = message[start...].prefix { $0 != " " && $0 != ")" }
        while let last = place.last, last.isNumber || last == ":" {
            place = place.dropLast()
            if last == ":" { break }
        }
        return place.isEmpty ? nil : String(place)
    }

    /// No id may hold a line break (LF, CR, NEL, U+2028, U+2029): every text output, Markdown
    /// report and log shows ids on one line, and an id that starts a new line could forge one
    /// (`x\n# heading`). AWS and Kubernetes names cannot hold one; a native or forged file can.
    /// - Complexity: O(total length of the ids).
    static func checkLineBreaks(_ model: Model) throws(ImportError) {
        func check(_ id: String, _ kind: String, _ origin: SourceLocation?) throws(ImportError) {
            guard id.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x85 || $0 == 0xA8 || $0 == 0xA9 }) else { return }
            guard id.unicodeScalars.contains(where: { "\n\r\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0) }) else { return }
            let at = origin ?? SourceLocation(file: "", keyPath: "")
            throw ImportError(
                .badValue, "the \(kind) id \(quoted(id)) holds a line break; ids are shown on one line, write it without one",
                file: at.file.isEmpty ? nil : at.file, line: at.line, keyPath: at.keyPath)
        }
        for x in model.identities {
            try check(x.id, "identity", x.origin)
            if let r = x.resource { try check(r, "resource", x.origin) }
        }
        for x in model.credentials { try check(x.id, "credential", x.origin) }
        for x in model.groups { try check(x.id, "group", x.origin) }
        for x in model.roles { try check(x.id, "role", x.origin) }
        for x in model.resources { try check(x.id, "resource", x.origin) }
    }

    /// A grant's `scope` written in a native file must cover something: a declared resource (or
    /// an identity's resource) at or below it. A typo (`prod/ue`) would otherwise make the grant
    /// cover nothing in silence, for the same reason `what-if` refuses a change that matches
    /// nothing. (Importers' scopes are their own; a Kubernetes namespace may be empty.)
    /// - Complexity: O(total length of the resource ids) when some native grant has a scope, else O(grants).
    static func checkScopes(_ model: Model, nativeFiles: Set<String>) throws(ImportError) {
        let scoped = model.grants.filter { $0.scope != nil && nativeFiles.contains($0.origin?.file ?? "") }
        guard !scoped.isEmpty else { return }
        // Every id and every `/`-prefix of an id: exactly the scopes that cover something.
        var covered = Set<Substring>()
        func add(_ id: String) {
            var end = id.endIndex
            covered.insert(id[...])
            while let slash = id[..<end].lastIndex(of: "/") {
                guard covered.insert(id[..<slash]).inserted else { break }
                end = slash
            }
        }
        for r in model.resources { add(r.id) }
        for i in model.identities { if let r = i.resource { add(r) } }
        for g in scoped {
            guard let scope = g.scope, !covered.contains(scope[...]) else { continue }
            let origin = g.origin ?? SourceLocation(file: "", keyPath: "")
            throw ImportError(
                .invalidModel,
                "scope \(quoted(scope)) covers no declared resource, so the grant would give nothing; check the spelling, or declare a resource at or below it",
                file: origin.file, line: origin.line, keyPath: origin.keyPath.isEmpty ? "scope" : origin.keyPath + ".scope")
        }
    }
}
