import ArgumentParser
import BlastCore
import BlastPresent
import BlastRender
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, dot, svg, png, pdf

    var diagram: DiagramFormat? {
        switch self {
        case .dot: .dot
        case .svg: .svg
        case .png: .png
        case .pdf: .pdf
        case .text, .json: nil
        }
    }

    /// The format an output file's extension names (`txt`, `json`, `dot`/`gv`, `svg`, `png`, `pdf`).
    init?(extension ext: String) {
        switch ext.lowercased() {
        case "json": self = .json
        case "dot", "gv": self = .dot
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "txt": self = .text
        default: return nil
        }
    }
}

extension LegendStyle: ExpressibleByArgument {}

/// Where and how to write the answer.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text, json, dot, svg, png or pdf (default: from the -o extension, else text).")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Largest number of resource nodes a diagram shows before folding subtrees.")
    var maxResources = 150

    @Option(help: "Largest number of nodes a diagram shows before folding identities, credentials, groups and roles too.")
    var maxNodes = 150

    @Option(help: "A diagram's legend: compact (only the styles drawn), full, or none.")
    var legend: LegendStyle = .compact

    init() {}

    /// Output to a file (or stdout when nil) with the default format.
    init(output: String?) {
        self.output = output
    }

    func validate() throws {
        if maxResources < 1 { throw ValidationError("--max-resources must be at least 1") }
        if maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1") }
        if format == nil, let output {
            let ext = (output as NSString).pathExtension
            if !ext.isEmpty && OutputFormat(extension: ext) == nil {
                throw ValidationError(
                    "-o \(output): unknown extension '.\(ext)'; use .txt, .json, .dot, .gv, .svg, .png or .pdf, or say --format")
            }
        }
    }

    /// The format asked for, or the one the output file's extension implies.
    func resolved(default fallback: OutputFormat = .text) -> OutputFormat {
        if let format { return format }
        if let output, let format = OutputFormat(extension: (output as NSString).pathExtension) { return format }
        return fallback
    }

    /// Writes an answer in the format asked for, then delivers it: the one output entry point.
    func emit(_ answer: some AnswerPresenter, _ io: inout CommandIO) throws(CommandFailure) {
        switch resolved() {
        case .text: io.write(TextStyle.terminalSafe(answer.text(TextStyle(colour: io.isTerminal && output == nil))))
        case .json: io.write(JSONText.encode(answer.json()))
        case .dot, .svg, .png, .pdf: io.write(bytes: try draw(answer.scene(), as: resolved().diagram ?? .svg))
        }
        try deliver(&io)
    }

    /// A scene laid out by Graphviz, with subtrees folded past `--max-resources` and other
    /// elements past `--max-nodes`; refused (exit 64) when folding cannot bring it within twice
    /// `--max-nodes`, rather than laid out for minutes into a picture no page holds.
    func draw(_ scene: Scene, as format: DiagramFormat) throws(CommandFailure) -> [UInt8] {
        try Self.draw(scene, as: format, maxResources: maxResources, maxNodes: maxNodes, legend: legend)
    }

    static func draw(
        _ scene: Scene, as format: DiagramFormat, maxResources: Int, maxNodes: Int = 150, legend: LegendStyle = .compact
    ) throws(CommandFailure) -> [UInt8] {
        let fitted = scene.fitted(maxResources: maxResources, maxNodes: maxNodes)
        guard fitted.nodes.count <= 2 * maxNodes else {
            throw CommandFailure(
                "error: the diagram would still have \(fitted.nodes.count) nodes after folding, more than twice --max-nodes \(maxNodes) (starts, and the ends of edges a change adds, removes or blocks, never fold); narrow the question or raise --max-nodes",
                exitCode: .usage)
        }
        do {
            return try GraphvizRenderer.render(fitted, as: format, legend: legend)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Writes what the command produced to `-o` (creating folders), or leaves it for stdout.
    func deliver(_ io: inout CommandIO) throws(CommandFailure) {
        guard let output else { return }
        let url = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(io.stdout).write(to: url)
        } catch {
            throw CommandFailure("error: -o: cannot write '\(output)': \(error.localizedDescription)", exitCode: .cannotWrite)
        }
        io.stdout = []
        io.diagnose("wrote \(output)")
    }
}
