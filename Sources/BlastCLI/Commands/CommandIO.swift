import ArgumentParser
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

/// A subcommand that runs against injected output.
public protocol BlastRunnable {
    /// Runs the command, writing output to `io`; returns how it ended (an answer or a gate).
    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus
}

extension BlastRunnable where Self: ParsableCommand {
    /// The ordinary entry: run against the process's streams.
    public func run() throws {
        var io = CommandIO(isTerminal: isatty(STDOUT_FILENO) != 0)
        let status: ExitStatus
        do {
            status = try execute(&io)
        } catch {
            FileHandle.standardError.write(Data((io.stderr + error.message + "\n").utf8))
            throw ExitCode(error.exitCode.rawValue)
        }
        FileHandle.standardOutput.write(Data(io.stdout))
        if !io.stderr.isEmpty { FileHandle.standardError.write(Data(io.stderr.utf8)) }
        if status != .ok { throw ExitCode(status.rawValue) }
    }
}
