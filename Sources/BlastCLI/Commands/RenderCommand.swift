import ArgumentParser
import BlastCore
import BlastPresent
import BlastRender

/// `blast render`: the whole model, or one radius, as a Graphviz diagram.
struct RenderCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the whole model, or one radius, as DOT, SVG, PNG or PDF (format from --format or the -o extension).",
        discussion: "Example: blast render samples/acme.yaml --from deploy-token --at 2026-11-23 -o output/deploy-token.svg")

    @OptionGroup var files: ModelFiles
    @Option(help: ArgumentHelp("Draw this credential's or identity's radius instead of the whole model.", valueName: "id"))
    var from: String?
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if output.resolved(default: .svg).diagram == nil {
            throw ValidationError("render draws diagrams: use --format dot, svg, png or pdf (or an -o file ending in one of them)")
        }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let graph = try ModelInput.graph(files, io: &io)
        let scene: Scene
        if let from {
            let start = try ModelInput.start(graph, from, mfa: query.mfa)
            scene = RadiusPresenter(graph.radius(from: start, options: query.options), source: from).scene()
        } else {
            scene = ModelPresenter(graph, at: query.options.at).scene()
        }
        io.write(bytes: try output.draw(scene, as: output.resolved(default: .svg).diagram ?? .svg))
        try output.deliver(&io)
        return .ok
    }
}
