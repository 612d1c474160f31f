import ArgumentParser
import BlastAudit
import BlastCore
import BlastPresent
import Foundation

/// `blast report`: a self-contained audit report in a folder: `index.md` (summary tables, one
/// section per finding, the rules), `overview.svg` (the whole model) and `evidence/NNN-RULE.svg`
/// (each finding's evidence paths). The same input gives identical files.
struct ReportCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an audit report an auditor can open: Markdown index, a diagram per finding, and the model overview.",
        discussion:
            "Example: blast report samples/acme.yaml --at 2026-11-23 --usage samples/acme-usage.csv --ignore samples/acme-ignore.yaml -o output/report/"
    )

    @OptionGroup var files: ModelFiles
    @OptionGroup var audit: AuditOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the report into (created if missing).", valueName: "folder"))
    var output: String
    @Option(help: "Largest number of resource nodes a diagram shows before folding subtrees.")
    var maxResources = 150

    func validate() throws {
        if maxResources < 1 { throw ValidationError("--max-resources must be at least 1") }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let graph = try ModelInput.graph(files, io: &io)
        let (context, result) = try audit.run(graph, io: &io)
        let folder = URL(fileURLWithPath: output)
        let answer = AuditPresenter(graph: graph, context: context, result: result)
        var written: [String: [UInt8]] = [:]
        var images: [String: String] = [:]
        for (k, finding, scene) in answer.evidenceScenes() {
            let name = "evidence/\(Self.number(k + 1))-\(finding.rule).svg"
            written[name] = try OutputOptions.draw(scene, as: .svg, maxResources: maxResources)
            images[finding.fingerprint] = name
        }
        written["overview.svg"] = try OutputOptions.draw(
            ModelPresenter(graph, at: context.settings.at).scene(), as: .svg, maxResources: maxResources)
        written["index.md"] = Array(answer.markdown(images: images, overview: "overview.svg").utf8)

        try ReportFolder(output).write(written)
        io.diagnose(
            "wrote \(folder.appendingPathComponent("index.md").relativePath) (\(result.findings.count) findings, \(images.count) evidence diagrams)"
        )
        return .ok
    }

    /// `007`: fixed width so files sort in finding order.
    static func number(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 3 ? s : String(repeating: "0", count: 3 - s.count) + s
    }
}
