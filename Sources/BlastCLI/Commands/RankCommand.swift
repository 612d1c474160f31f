import ArgumentParser
import BlastCore
import BlastPresent

extension Ranking.Order: ExpressibleByArgument {}

/// `blast rank`: every credential and identity by what it reaches.
struct RankCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank every credential and identity by the size of its radius, weighted by criticality; standing and eligible apart.",
        discussion: """
            Weights: critical 100, high 10, medium 3, low 1. All sources are computed at once (see docs/semantics.md).
            Example: blast rank samples/acme.yaml --top 10 --by critical --at 2026-11-23
            """)

    @OptionGroup var files: ModelFiles
    @Option(help: "Show only the first N.") var top: Int?
    @Option(help: "Order by critical, count or weighted.") var by: Ranking.Order = .weighted
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let graph = try ModelInput.graph(files, io: &io)
        try output.emit(RankPresenter(graph.rank(options: query.options, order: by), graph: graph, top: top), &io)
        return .ok
    }
}
