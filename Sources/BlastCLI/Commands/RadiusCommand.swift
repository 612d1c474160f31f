import ArgumentParser
import BlastCore
import BlastPresent

/// `blast radius`: what a credential or identity can reach, and how.
struct RadiusCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "radius",
        abstract: "What a credential or identity can reach, each with the path that proves it.",
        discussion: "Example: blast radius samples/acme.yaml --from deploy-token --at 2026-11-23 --format json")

    @OptionGroup var files: ModelFiles
    @OptionGroup var start: StartOption
    @OptionGroup var query: QueryFlags
    @OptionGroup var detail: DetailFlag
    @OptionGroup var output: OutputOptions

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let graph = try ModelInput.graph(files, io: &io)
        let from = start.from
        let origin = try ModelInput.start(graph, from, mfa: query.mfa)
        try output.emit(RadiusPresenter(graph.radius(from: origin, options: query.options, detail: detail.detail), source: from), &io)
        return .ok
    }
}
