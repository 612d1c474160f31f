import ArgumentParser
import BlastCore
import BlastImport
import Foundation

/// Where a command writes: its main output (to a file with `-o`, else standard output) and its
/// diagnostics. Injected so tests capture both.
public struct CommandIO: Sendable {
    public var stdout: [UInt8] = []
    public var stderr: String = ""
    /// Whether standard output is a terminal (colour allowed).
    public var isTerminal: Bool

    public init(isTerminal: Bool = false) {
        self.isTerminal = isTerminal
    }

    public mutating func write(_ text: String) { stdout.append(contentsOf: Array(text.utf8)) }
    public mutating func write(bytes: [UInt8]) {
        if stdout.isEmpty { stdout = bytes } else { stdout.append(contentsOf: bytes) }
    }
    public mutating func diagnose(_ text: String) { stderr += text.hasSuffix("\n") ? text : text + "\n" }
}

/// A failure that ends a command with a message and an exit code.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let exitCode: Int32

    public init(_ message: String, exitCode: Int32 = ExitStatus.badInput) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}

/// The exit codes every command uses.
public enum ExitStatus {
    /// Success; for `can`, allowed; for `path`, a path exists.
    public static let ok: Int32 = 0
    /// `can`: not allowed; `path`: no path. Also bad input: an unreadable or invalid model, an unknown id.
    public static let no: Int32 = 1
    public static let badInput: Int32 = 1
    /// A gate failed: `diff --fail-on-gain`, `check`, `audit --fail-on`.
    public static let violated: Int32 = 2
}

/// A subcommand that runs against injected output.
public protocol BlastRunnable {
    /// Runs the command, writing output to `io`; returns the exit code.
    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32
}

extension BlastRunnable {
    /// The ordinary entry: run against the process's streams.
    func runForReal() throws {
        var io = CommandIO(isTerminal: isatty(STDOUT_FILENO) != 0)
        let code: Int32
        do {
            code = try execute(&io)
        } catch {
            FileHandle.standardError.write(Data((io.stderr + error.message + "\n").utf8))
            throw ExitCode(error.exitCode)
        }
        FileHandle.standardOutput.write(Data(io.stdout))
        if !io.stderr.isEmpty { FileHandle.standardError.write(Data(io.stderr.utf8)) }
        if code != 0 { throw ExitCode(code) }
    }
}

/// Loading and compiling models, shared by every command.
enum Workspace {
    /// Loads the model files and compiles them; errors name the file, line and value.
    static func graph(_ paths: [String], io: inout CommandIO) throws(CommandFailure) -> AccessGraph {
        AccessGraph.compile(try imported(paths, io: &io).validated)
    }

    static func graph(_ files: ModelFiles, io: inout CommandIO) throws(CommandFailure) -> AccessGraph {
        AccessGraph.compile(try imported(files.models, accessKeys: (try? files.accessKeys()) ?? [:], io: &io).validated)
    }

    static func model(_ files: ModelFiles, io: inout CommandIO) throws(CommandFailure) -> Model {
        try model(files.models, accessKeys: (try? files.accessKeys()) ?? [:], io: &io)
    }

    /// Loads any mix of supported files into one validated model; importer notes go to stderr.
    static func model(_ paths: [String], accessKeys: [String: String] = [:], io: inout CommandIO) throws(CommandFailure) -> Model {
        try imported(paths, accessKeys: accessKeys, io: &io).model
    }

    private static func imported(_ paths: [String], accessKeys: [String: String] = [:], io: inout CommandIO) throws(CommandFailure) -> ImportedModel {
        let imported: ImportedModel
        do {
            imported = try ModelSources.load(paths: paths, accessKeys: accessKeys)
        } catch {
            throw CommandFailure(error.description)
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

    static func resolveStart(_ graph: AccessGraph, _ id: String, mfa: Bool) throws(CommandFailure) -> AccessGraph.Start {
        do {
            return try graph.start(from: id, mfa: mfa)
        } catch {
            throw CommandFailure("error: --from: \(error.message)")
        }
    }

    static func resolveResource(_ graph: AccessGraph, _ id: String, option: String) throws(CommandFailure) -> ResourceID {
        let element = try resolve(graph, id, option: option)
        guard case .resource(let r) = element else {
            throw CommandFailure("error: \(option): '\(id)' is \(graph.kind(of: element).withArticle), not a resource")
        }
        return r
    }

    static func resolve(_ graph: AccessGraph, _ id: String, option: String) throws(CommandFailure) -> AccessGraph.Element {
        do {
            return try graph.resolve(id)
        } catch {
            throw CommandFailure("error: \(option): \(error.message)")
        }
    }
}
