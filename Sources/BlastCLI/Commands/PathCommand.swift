import ArgumentParser
import BlastCore
import BlastRender

/// `blast path`: the shortest explanation path between a start and any element.
struct PathCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The shortest path from a credential or identity to an identity, credential, group, role or resource. Exit 1 when there is none.",
        discussion: "Example: blast path samples/acme.yaml --from dave --to prod/app/web --at 2026-11-23")

    @OptionGroup var files: ModelFiles
    @Option(help: ArgumentHelp("The credential or identity to start from.", valueName: "id"))
    var from: String
    @Option(help: ArgumentHelp("The element to reach.", valueName: "id"))
    var to: String
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func run() throws { try runForReal() }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32 {
        let graph = try Workspace.graph(files, io: &io)
        let start = try Workspace.resolveStart(graph, from, mfa: query.mfa)
        let target = try Workspace.resolve(graph, to, option: "--to")
        let options = query.options
        let reach = graph.path(from: start, to: target, options: options)
        let steps = reach?.path ?? []
        switch output.resolved() {
        case .text:
            let text = TextReport(graph: graph, colour: io.isTerminal && output.output == nil)
            if let reach {
                io.write("path from \(from) to \(to) at \(options.at.iso8601) (\(text.hops(reach.hops))):\n  \(text.path(steps))\n")
                for s in steps {
                    io.write("    \(s.from) -\(s.edge.rawValue)-> \(s.to)\(s.origin.map { "   [\($0)]" } ?? "")\n")
                }
            } else {
                io.write("no path from \(from) to \(to) at \(options.at.iso8601)\(options.withApprovals ? "" : " (approval-gated edges not followed; try --with-approvals)")\n")
            }
        case .json:
            io.write(JSONReport.encode(JSONReport.Path(from: from, to: to, at: options.at.iso8601, found: reach != nil,
                                                       hops: reach?.hops, path: JSONReport.path(steps))))
        case .dot, .svg:
            let scene = SceneBuilder.scene(graph: graph, title: "Path from \(from) to \(to) at \(options.at.iso8601)\(reach == nil ? ": none" : "")",
                                           source: from, paths: [.init(steps: steps, isHighlighted: true)], extraNodes: [to])
            io.write(bytes: try Diagrams.draw(scene, output.resolved().diagram!, maxResources: output.maxResources))
        }
        try output.deliver(&io)
        return reach == nil ? ExitStatus.no : ExitStatus.ok
    }
}
