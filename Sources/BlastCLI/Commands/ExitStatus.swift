/// The one table of exit codes. Answers (0, 1) and gates (2) never share a code with an error;
/// errors follow sysexits(3). `blast --help` and the README print this same table.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Success; `can`: allowed; `path`: a path exists.
    case ok = 0
    /// `can`: not allowed; `path`: no path. An answer, never an error.
    case no = 1
    /// A gate failed: `diff --fail-on-gain`, `check`, `audit --fail-on`.
    case violated = 2
    /// The command line is wrong: a malformed option, or an id the model does not have (EX_USAGE).
    case usage = 64
    /// An input file is invalid: bad syntax, an unknown key, a bad value, an inconsistent model (EX_DATAERR).
    case dataError = 65
    /// An input file cannot be read: missing, a directory, no permission (EX_NOINPUT).
    case noInput = 66
    /// The output cannot be written (EX_CANTCREAT).
    case cannotWrite = 73
    /// The reader closed the pipe before reading everything (`blast … | head -1`): 128 + SIGPIPE,
    /// the status a shell shows for a process the signal ends; quiet, as other Unix tools are.
    case closedPipe = 141

    /// What the code means, one line.
    public var meaning: String {
        switch self {
        case .ok: "success; can: allowed; path: found"
        case .no: "can: not allowed; path: none (an answer, not an error)"
        case .violated: "a gate failed: diff --fail-on-gain, check, audit --fail-on"
        case .usage: "bad command line: a malformed option or an id the model does not have"
        case .dataError: "an input file is invalid (the message names file, line, key and value)"
        case .noInput: "an input file cannot be read"
        case .cannotWrite: "the output cannot be written"
        case .closedPipe: "the reader stopped reading (a pipe into head), quietly"
        }
    }

    /// The table as `blast --help` prints it.
    public static var table: String {
        "Exit codes:\n"
            + allCases.map { "  \(String($0.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0))\($0.meaning)" }.joined(
                separator: "\n")
    }
}

/// A failure that ends a command with a message and an error exit code.
public struct CommandFailure: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let exitCode: ExitStatus

    public init(_ message: String, exitCode: ExitStatus = .dataError) {
        precondition(exitCode.rawValue >= 64, "an error never exits like an answer or a gate")
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}
