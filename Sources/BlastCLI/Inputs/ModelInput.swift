import BlastCore
import BlastImport

/// Loading and compiling the models a command names, and resolving the ids its options name;
/// every failure becomes a `CommandFailure` with the right exit code.
enum ModelInput {
    /// Loads the model files and compiles them; errors name the file, line and value.
    static func graph(_ paths: [String], useCache: Bool, io: inout CommandIO) throws(CommandFailure) -> AccessGraph {
        AccessGraph.compile(try imported(paths, cache: useCache ? cache : nil, io: &io).validated)
    }

    static func graph(_ files: ModelFiles, io: inout CommandIO) throws(CommandFailure) -> AccessGraph {
        AccessGraph.compile(try imported(files, io: &io).validated)
    }

    static func model(_ files: ModelFiles, io: inout CommandIO) throws(CommandFailure) -> Model {
        try imported(files, io: &io).model
    }

    private static func imported(_ files: ModelFiles, io: inout CommandIO) throws(CommandFailure) -> ImportedModel {
        try imported(files.models, accessKeys: (try? files.accessKeys()) ?? [:], cache: files.noCache ? nil : cache, io: &io)
    }

    /// The user's model cache, for this build of blast.
    static var cache: ModelCache? { ModelCache.standard(build: BlastVersion.build) }

    private static func imported(
        _ paths: [String], accessKeys: [String: String] = [:], cache: ModelCache? = nil, io: inout CommandIO
    ) throws(CommandFailure) -> ImportedModel {
        let imported: ImportedModel
        do {
            imported = try ModelSources.load(paths: paths, accessKeys: accessKeys, cache: cache)
        } catch {
            throw CommandFailure(error)
        }
        for note in imported.notes { io.diagnose(note.description) }
        return imported
    }

    static func compile(_ model: Model) throws(CommandFailure) -> AccessGraph {
        do {
            return try AccessGraph.compile(model)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    static func start(_ graph: AccessGraph, _ id: String, mfa: Bool, option: String = "--from") throws(CommandFailure) -> AccessGraph.Start
    {
        do {
            return try graph.start(from: id, mfa: mfa)
        } catch {
            throw CommandFailure("error: \(option): \(error.message)", exitCode: .usage)
        }
    }

    static func resource(_ graph: AccessGraph, _ id: String, option: String) throws(CommandFailure) -> ResourceID {
        let element = try element(graph, id, option: option)
        guard case .resource(let r) = element else {
            throw CommandFailure("error: \(option): '\(id)' is \(graph.kind(of: element).withArticle), not a resource", exitCode: .usage)
        }
        return r
    }

    static func element(_ graph: AccessGraph, _ id: String, option: String) throws(CommandFailure) -> AccessGraph.Element {
        do {
            return try graph.resolve(id)
        } catch {
            throw CommandFailure("error: \(option): \(error.message)", exitCode: .usage)
        }
    }
}

extension CommandFailure {
    /// An input file that could not be read exits `noInput`; an error about a command-line option
    /// the importers read (`--key` naming a user the exports lack: no file, the message starts
    /// with the option) `usage`; every other import error `dataError`.
    init(_ error: ImportError) {
        let exitCode: ExitStatus =
            error.code == .unreadable ? .noInput : error.file == nil && error.message.hasPrefix("--") ? .usage : .dataError
        self.init(error.description, exitCode: exitCode)
    }
}
