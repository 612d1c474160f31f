import ArgumentParser
import BlastCore
import BlastRender

/// `blast radius`: what a credential or identity can reach, and how.
struct RadiusCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "radius",
        abstract: "What a credential or identity can reach, each with the path that proves it.",
        discussion: "Example: blast radius samples/acme.yaml --from deploy-token --at 2026-11-23 --format json")

    @OptionGroup var files: ModelFiles
    @Option(help: ArgumentHelp("The credential or identity to start from.", valueName: "id"))
    var from: String
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func run() throws { try runForReal() }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32 {
        let graph = try Workspace.graph(files, io: &io)
        let start = try Workspace.resolveStart(graph, from, mfa: query.mfa)
        let radius = graph.radius(from: start, options: query.options)
        switch output.resolved() {
        case .text:
            io.write(TextReport(graph: graph, colour: io.isTerminal && output.output == nil).radius(radius, sourceID: from))
        case .json:
            io.write(JSONReport.encode(JSONReport.radius(radius, graph: graph, sourceID: from)))
        case .dot, .svg:
            let scene = SceneBuilder.radius(graph: graph, radius: radius, sourceID: from)
            io.write(bytes: try Diagrams.draw(scene, output.resolved().diagram!, maxResources: output.maxResources))
        }
        try output.deliver(&io)
        return ExitStatus.ok
    }
}
