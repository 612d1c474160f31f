import ArgumentParser
import BlastCore
import BlastPresent

/// `blast chokepoints`: the fewest changes that cut every start off every target.
struct ChokepointsCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "chokepoints",
        abstract:
            "The smallest set of cuttable edges (membership, grant, assume, credential copy) that disconnects every start from every target, and the edges on the most paths.",
        discussion: """
            Costs per kind with --cost member=3,grant=5,assume=4,copy=1 (default 1 each). The cut is verified by re-running the radius with it applied.
            Example: blast chokepoints samples/acme.yaml --from-all-credentials --to-criticality critical --at 2026-11-23
            """)

    @OptionGroup var files: ModelFiles
    @Option(help: ArgumentHelp("A start (repeat for several).", valueName: "id")) var from: [String] = []
    @Flag(help: "Every valid credential is a start.") var fromAllCredentials = false
    @Option(help: ArgumentHelp("A target resource (repeat for several).", valueName: "resource")) var to: [String] = []
    @Option(help: ArgumentHelp("Every resource at least this critical is a target.", valueName: "level")) var toCriticality: Criticality?
    @Option(help: ArgumentHelp("Costs per edge kind, e.g. member=3,grant=5,assume=4,copy=1.", valueName: "costs")) var cost: String?
    @Option(help: "How many single edges to rank.") var top = 10
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if from.isEmpty && !fromAllCredentials { throw ValidationError("give --from IDs or --from-all-credentials") }
        if to.isEmpty && toCriticality == nil { throw ValidationError("give --to RESOURCEs or --to-criticality LEVEL") }
        _ = try costs()
    }

    func costs() throws -> [CutKind: UInt64] {
        var out: [CutKind: UInt64] = [:]
        for part in (cost ?? "").split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, let kind = CutKind(rawValue: kv[0]), let value = UInt64(kv[1]), value > 0 else {
                throw ValidationError(
                    "--cost: '\(part)' is not KIND=N with KIND one of \(CutKind.allCases.map(\.rawValue).joined(separator: ", ")) and N ≥ 1"
                )
            }
            out[kind] = value
        }
        return out
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let model = try ModelInput.model(files, io: &io)
        let graph = try ModelInput.compile(model)
        let options = query.options
        var startIDs = from
        if fromAllCredentials { startIDs += graph.credentials.filter { $0.isValid(at: options.at) }.map(\.id) }
        var starts: [AccessGraph.Start] = []
        for id in startIDs { starts.append(try ModelInput.start(graph, id, mfa: query.mfa)) }
        var targets: [ResourceID] = []
        for id in to { targets.append(try ModelInput.resource(graph, id, option: "--to")) }
        if let level = toCriticality { targets += graph.resources(atLeast: level) }
        let answer: ChokepointReport
        do {
            answer = try ChokepointReport(
                model: model, graph: graph, startIDs: startIDs, starts: starts, targets: targets,
                options: options, costs: (try? costs()) ?? [:], top: top)
        } catch {
            throw CommandFailure(error.description)
        }
        try output.emit(ChokepointsPresenter(answer, graph: graph), &io)
        return .ok
    }
}
