import ArgumentParser
import BlastPresent
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

extension CommandIO {
    /// Writes the finished output to the file descriptors `stdout` and `stderr`, every write
    /// checked, and returns the process's exit status.
    ///
    /// - `status`, when every byte of the output was written;
    /// - 73 (`cannotWrite`) with `error: cannot write to standard output: <cause>` on stderr, when
    ///   writing the output failed (a full disk, a closed descriptor);
    /// - `closedPipe` (141), quietly, when the reader closed the pipe: `blast … | head -1`
    ///   got all it asked for. With the default SIGPIPE disposition the signal ends the process
    ///   with the same status before the write returns; this covers a parent that ignores SIGPIPE.
    ///
    /// The command's own diagnostics are written in every case; a failure to write them is ignored,
    /// as there is nowhere left to report it.
    public func finish(_ status: ExitStatus, stdout: Int32, stderr: Int32) -> Int32 {
        let written = Self.writeAll(self.stdout, to: stdout)
        var diagnostics = self.stderr
        let code: Int32
        switch written {
        case 0: code = status.rawValue
        case EPIPE: code = ExitStatus.closedPipe.rawValue
        default:
            diagnostics += "error: cannot write to standard output: \(String(cString: strerror(written)))\n"
            code = ExitStatus.cannotWrite.rawValue
        }
        // Messages quote ids and values from the inputs: never let one drive the terminal.
        _ = Self.writeAll(Array(TextStyle.terminalSafe(diagnostics).utf8), to: stderr)
        return code
    }

    /// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes; 0, or the
    /// `errno` of the write that failed.
    /// - Complexity: O(n) in the number of bytes.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return 0
        }
    }
}

/// `write(2)`, named apart from `CommandIO.write`.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// A subcommand that runs against injected output.
public protocol BlastRunnable {
    /// Runs the command, writing output to `io`; returns how it ended (an answer or a gate).
    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus
}

extension BlastRunnable where Self: ParsableCommand {
    /// The ordinary entry: run against the process's streams (see `CommandIO.finish` for how a
    /// failed write ends it).
    public func run() throws {
        var io = CommandIO(isTerminal: isatty(STDOUT_FILENO) != 0)
        let status: ExitStatus
        do {
            status = try execute(&io)
        } catch {
            _ = CommandIO.writeAll(Array((io.stderr + error.message + "\n").utf8), to: STDERR_FILENO)
            throw ExitCode(error.exitCode.rawValue)
        }
        let code = io.finish(status, stdout: STDOUT_FILENO, stderr: STDERR_FILENO)
        if code != 0 { throw ExitCode(code) }
    }
}
