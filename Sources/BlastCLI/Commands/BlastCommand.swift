import ArgumentParser

/// The `blast` command line. Exit codes: `ExitStatus`, the one table (also in `--help` and the README).
public struct BlastCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "blast",
        abstract:
            "Blast-radius analysis for access graphs: what a leaked key can reach, who can reach a resource, and the paths that prove it.",
        discussion: ExitStatus.table,
        version: BlastVersion.current,
        subcommands: [
            RadiusCommand.self, WhoCanCommand.self, CanCommand.self, PathCommand.self, RenderCommand.self,
            ImportCommand.self, WhatIfCommand.self, DiffCommand.self, ChokepointsCommand.self, RankCommand.self,
            GenerateCommand.self, ExportCommand.self,
            AuditCommand.self, CheckCommand.self, ReportCommand.self,
        ])

    public init() {}

    /// The process entry: runs the command line, with `diff`'s `--` separator understood.
    public static func runFromCommandLine() {
        main(DiffCommand.rewriteTerminator(Array(CommandLine.arguments.dropFirst())))
    }

    /// Parses and runs a command line against captured output; for tests and embedding.
    public static func execute(_ arguments: [String]) -> (exitCode: Int32, stdout: [UInt8], stderr: String) {
        var io = CommandIO()
        do {
            let command = try parseAsRoot(DiffCommand.rewriteTerminator(arguments))
            guard let runnable = command as? BlastRunnable else {
                // `blast` alone or `blast help`: the root's help, which ends with the exit-code table.
                return (0, Array((helpMessage() + "\n").utf8), "")
            }
            do {
                return (try runnable.execute(&io).rawValue, io.stdout, io.stderr)
            } catch {
                return (error.exitCode.rawValue, io.stdout, io.stderr + error.message + "\n")
            }
        } catch {
            return (exitCode(for: error).rawValue, [], fullMessage(for: error) + "\n")
        }
    }
}
