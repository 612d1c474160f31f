import ArgumentParser
import BlastCore
import BlastPresent

/// `blast path`: the shortest explanation path between a start and any element.
struct PathCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract:
            "The shortest path from a credential or identity to an identity, credential, group, role or resource. Exit 1 when there is none.",
        discussion: "Example: blast path samples/acme.yaml --from dave --to prod/app/web --at 2026-11-23")

    @OptionGroup var files: ModelFiles
    @OptionGroup var start: StartOption
    @Option(help: ArgumentHelp("The element to reach.", valueName: "id"))
    var to: String
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let graph = try ModelInput.graph(files, io: &io)
        let from = start.from
        let origin = try ModelInput.start(graph, from, mfa: query.mfa)
        let target = try ModelInput.element(graph, to, option: "--to")
        let options = query.options
        let reach = graph.path(from: origin, to: target, options: options)
        try output.emit(PathPresenter(reach, graph: graph, from: from, to: to, options: options), &io)
        return reach == nil ? .no : .ok
    }
}
