import ArgumentParser
import BlastAudit
import BlastCore
import BlastPresent

/// `blast check`: the CI gate. Exit 0 when every assertion of the policy holds, 2 when one is
/// violated (with the violating paths), 64–66 on bad input (`ExitStatus`).
struct CheckCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate a policy's assertions; exit 0 when all hold, 2 when any is violated (with paths), 65 on a bad policy.",
        discussion:
            "Assertion kinds: no-reach, no-critical, at-most, no-path (see docs/audit.md).\nExample: blast check samples/acme.yaml --policy samples/acme-policy.yaml --at 2026-11-23"
    )

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var files: ModelFiles
    @Option(help: ArgumentHelp("The policy file (YAML).", valueName: "file"))
    var policy: String
    @Option(help: ArgumentHelp("Judge the model at this instant (ISO 8601 date or date-time; default: now).", valueName: "time"))
    var at: String?
    @Option(help: "Output format: text or json.")
    var format: Format = .text
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if let at, Instant(iso8601: at) == nil {
            throw ValidationError("--at: '\(at)' is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
        }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let graph = try ModelInput.graph(files, io: &io)
        let parsed = try CheckPolicyFile.load(policy)
        let options = QueryOptions(at: AuditOptions.parse(at: at))
        let answer: CheckPresenter
        do {
            answer = CheckPresenter(try parsed.evaluate(graph, options: options), at: options.at)
        } catch {
            throw CommandFailure(error.description)
        }
        switch format {
        case .text: io.write(TextStyle.terminalSafe(answer.text(TextStyle(colour: io.isTerminal && output == nil))))
        case .json: io.write(JSONText.encode(answer.json()))
        }
        try OutputOptions(output: output).deliver(&io)
        return answer.holds ? .ok : .violated
    }
}
