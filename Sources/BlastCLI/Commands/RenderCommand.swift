import ArgumentParser
import BlastCore
import BlastRender

/// `blast render`: the whole model, or one radius, as a Graphviz diagram.
struct RenderCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the whole model, or one radius, as DOT or SVG (format from --format or the -o extension).",
        discussion: "Example: blast render samples/acme.yaml --from deploy-token --at 2026-11-23 -o output/deploy-token.svg")

    @OptionGroup var files: ModelFiles
    @Option(help: ArgumentHelp("Draw this credential's or identity's radius instead of the whole model.", valueName: "id"))
    var from: String?
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let f = output.format, f.diagram == nil {
            throw ValidationError("render draws diagrams: use --format dot or --format svg")
        }
    }

    func run() throws { try runForReal() }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32 {
        let graph = try Workspace.graph(files, io: &io)
        let format = output.resolved(default: .svg).diagram ?? .svg
        let scene: Scene
        if let from {
            let start = try Workspace.resolveStart(graph, from, mfa: query.mfa)
            scene = SceneBuilder.radius(graph: graph, radius: graph.radius(from: start, options: query.options), sourceID: from)
        } else {
            let title = "Access model: \(graph.identities.count) identities, \(graph.credentials.count) credentials, \(graph.groups.count) groups, \(graph.roles.count) roles, \(graph.resources.count) resources"
            scene = SceneBuilder.model(graph: graph, title: title)
        }
        io.write(bytes: try Diagrams.draw(scene, format, maxResources: output.maxResources))
        try output.deliver(&io)
        return ExitStatus.ok
    }
}
