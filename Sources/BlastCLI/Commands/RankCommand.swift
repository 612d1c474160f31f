import ArgumentParser
import BlastCore
import BlastRender

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

    func run() throws { try runForReal() }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32 {
        let graph = try Workspace.graph(files, io: &io)
        let options = query.options
        let ranking = graph.rank(options: options, order: by)
        let entries = Array(ranking.entries.prefix(top ?? ranking.entries.count))
        func kind(_ e: Ranking.Entry) -> String { if case .credential = e.start { "credential" } else { "identity" } }
        switch output.resolved() {
        case .text:
            let text = TextReport(graph: graph, colour: io.isTerminal && output.output == nil)
            io.write("Rank by \(by.rawValue) reach at \(options.at.iso8601) (\(ranking.entries.count) sources; eligible = more once approved)\n\n")
            let width = max(6, entries.map(\.id.count).max() ?? 0)
            io.write(text.bold("  #  " + "source".padding(toLength: width, withPad: " ", startingAt: 0) + "  kind         resources  critical  weighted   eligible: resources  critical  weighted") + "\n")
            for (k, e) in entries.enumerated() {
                func col(_ v: CustomStringConvertible, _ w: Int) -> String {
                    let s = v.description
                    return String(repeating: " ", count: max(0, w - s.count)) + s
                }
                io.write(col(k + 1, 3) + "  " + e.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                         + kind(e).padding(toLength: 10, withPad: " ", startingAt: 0)
                         + col(e.resources, 12) + col(e.critical, 10) + col(e.weighted, 10)
                         + col(e.eligibleResources, 21) + col(e.eligibleCritical, 10) + col(e.eligibleWeighted, 10) + "\n")
            }
        case .json:
            io.write(JSONReport.encode(JSONReport.Rank(at: options.at.iso8601, by: by.rawValue, entries: entries.map {
                .init(id: $0.id, kind: kind($0), resources: $0.resources, critical: $0.critical, weighted: $0.weighted,
                      eligible: .init(resources: $0.eligibleResources, critical: $0.eligibleCritical, weighted: $0.eligibleWeighted))
            })))
        case .dot, .svg:
            // The top sources with their paths to critical and high resources.
            var paths: [SceneBuilder.PathSpec] = []
            for e in entries.prefix(top ?? 5) {
                let r = graph.radius(from: e.start, options: options)
                for x in r.resources where graph.resources[x.resource.index].criticality >= .high {
                    paths.append(.init(steps: r.path(x.proof), isHighlighted: graph.resources[x.resource.index].criticality == .critical))
                }
            }
            let shown = entries.prefix(top ?? 5).map(\.id)
            let scene = SceneBuilder.scene(graph: graph, title: "Top \(shown.count) by \(by.rawValue) reach at \(options.at.iso8601): \(shown.joined(separator: ", "))",
                                           source: nil, paths: paths, extraNodes: shown)
            io.write(bytes: try Diagrams.draw(scene, output.resolved().diagram!, maxResources: output.maxResources))
        }
        try output.deliver(&io)
        return ExitStatus.ok
    }
}
