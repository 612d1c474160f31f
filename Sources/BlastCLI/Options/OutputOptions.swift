import ArgumentParser
import BlastCore
import BlastPresent
import BlastRender
import Foundation

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, dot, svg

    var diagram: DiagramFormat? {
        switch self {
        case .dot: .dot
        case .svg: .svg
        case .text, .json: nil
        }
    }
}

/// Where and how to write the answer.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text, json, dot or svg (default: from the -o extension, else text).")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Largest number of resource nodes a diagram shows before folding subtrees.")
    var maxResources = 150

    init() {}

    /// Output to a file (or stdout when nil) with the default format.
    init(output: String?) {
        self.output = output
    }

    func validate() throws {
        if maxResources < 1 { throw ValidationError("--max-resources must be at least 1") }
    }

    /// The format asked for, or the one the output file's extension implies.
    func resolved(default fallback: OutputFormat = .text) -> OutputFormat {
        if let format { return format }
        if let output {
            switch (output as NSString).pathExtension.lowercased() {
            case "json": return .json
            case "dot", "gv": return .dot
            case "svg": return .svg
            case "txt": return .text
            default: break
            }
        }
        return fallback
    }

    /// Writes an answer in the format asked for, then delivers it: the one output entry point.
    func emit(_ answer: some AnswerPresenter, _ io: inout CommandIO) throws(CommandFailure) {
        switch resolved() {
        case .text: io.write(TextStyle.terminalSafe(answer.text(TextStyle(colour: io.isTerminal && output == nil))))
        case .json: io.write(JSONText.encode(answer.json()))
        case .dot: io.write(bytes: try draw(answer.scene(), as: .dot))
        case .svg: io.write(bytes: try draw(answer.scene(), as: .svg))
        }
        try deliver(&io)
    }

    /// A scene laid out by Graphviz, with subtrees folded past `--max-resources`.
    func draw(_ scene: Scene, as format: DiagramFormat) throws(CommandFailure) -> [UInt8] {
        try Self.draw(scene, as: format, maxResources: maxResources)
    }

    static func draw(_ scene: Scene, as format: DiagramFormat, maxResources: Int) throws(CommandFailure) -> [UInt8] {
        do {
            return try GraphvizRenderer.render(scene.aggregatingResources(maxResources: maxResources), as: format)
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
