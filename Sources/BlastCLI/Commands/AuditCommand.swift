import ArgumentParser
import BlastAudit
import BlastCore
import BlastPresent

/// How `blast audit` writes its findings.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, markdown
}

/// `blast audit`: the least-privilege rules over a model, with evidence and fixes.
struct AuditCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract:
            "Least-privilege audit: findings with severity, evidence paths and fixes. Exit 2 with --fail-on when a finding reaches the level.",
        discussion: """
            Rules: \(Audit.rules.map(\.id).joined(separator: ", ")). See docs/audit.md.
            Example: blast audit samples/acme.yaml --at 2026-11-23 --usage samples/acme-usage.csv --ignore samples/acme-ignore.yaml --format sarif -o output/acme.sarif
            """)

    @OptionGroup var files: ModelFiles
    @OptionGroup var audit: AuditOptions
    @Option(help: "Output format: text, json, sarif or markdown (default: from the -o extension, else text).")
    var format: AuditFormat?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Option(help: ArgumentHelp("Exit 2 when a reported finding is at or above this severity.", valueName: "level"))
    var failOn: Severity?

    var resolvedFormat: AuditFormat {
        if let format { return format }
        guard let output else { return .text }
        if output.hasSuffix(".json") { return .json }
        if output.hasSuffix(".sarif") || output.hasSuffix(".sarif.json") { return .sarif }
        if output.hasSuffix(".md") { return .markdown }
        return .text
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let graph = try ModelInput.graph(files, io: &io)
        let (context, result) = try audit.run(graph, io: &io)
        let answer = AuditPresenter(graph: graph, context: context, result: result)
        switch resolvedFormat {
        case .text: io.write(TextStyle.terminalSafe(answer.text(TextStyle(colour: io.isTerminal && output == nil))))
        case .json: io.write(JSONText.encode(answer.json()))
        case .sarif: io.write(JSONText.encode(answer.sarif(fallbackFile: files.models[0])))
        case .markdown: io.write(answer.markdown(images: nil))
        }
        try OutputOptions(output: output).deliver(&io)
        if let failOn, result.fails(at: failOn) { return .violated }
        return .ok
    }
}
