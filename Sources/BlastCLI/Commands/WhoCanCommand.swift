import ArgumentParser
import BlastCore
import BlastRender

/// `blast who-can`: every identity and credential whose radius covers a resource.
struct WhoCanCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "Every identity and credential that can reach a resource (optionally with one action), with paths.",
        discussion: "Example: blast who-can samples/acme.yaml --reach prod/db/customers --action read --at 2026-11-23")

    @OptionGroup var files: ModelFiles
    @Option(help: ArgumentHelp("The resource to reach.", valueName: "resource"))
    var reach: String
    @Option(help: ArgumentHelp("Only those who may do this concrete action on it (deny wins).", valueName: "action"))
    var action: String?
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func run() throws { try runForReal() }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32 {
        let graph = try Workspace.graph(files, io: &io)
        let resource = try Workspace.resolveResource(graph, reach, option: "--reach")
        let answer = graph.whoCan(reach: resource, action: action, options: query.options)
        switch output.resolved() {
        case .text:
            io.write(TextReport(graph: graph, colour: io.isTerminal && output.output == nil).whoCan(answer))
        case .json:
            let report = JSONReport.WhoCan(
                resource: reach, action: action, at: answer.options.at.iso8601,
                identities: answer.identities.map {
                    .init(id: graph.identities[$0.identity.index].id, hops: $0.entry.hops, path: JSONReport.path(answer.path($0.entry)))
                },
                credentials: answer.credentials.map {
                    .init(id: graph.credentials[$0.credential.index].id, hops: $0.entry.hops, path: JSONReport.path(answer.path($0.entry)))
                })
            io.write(JSONReport.encode(report))
        case .dot, .svg:
            let paths = answer.identities.map { SceneBuilder.PathSpec(steps: answer.path($0.entry), isHighlighted: true) }
                + answer.credentials.map { SceneBuilder.PathSpec(steps: answer.path($0.entry), isHighlighted: true) }
            let title = "Who can reach \(reach)\(action.map { " with \($0)" } ?? "") at \(answer.options.at.iso8601): \(answer.identities.count) identities, \(answer.credentials.count) credentials"
            let scene = SceneBuilder.scene(graph: graph, title: title, source: reach, paths: paths)
            io.write(bytes: try Diagrams.draw(scene, output.resolved().diagram!, maxResources: output.maxResources))
        }
        try output.deliver(&io)
        return ExitStatus.ok
    }
}
