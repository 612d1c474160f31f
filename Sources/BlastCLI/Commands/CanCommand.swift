import ArgumentParser
import BlastCore
import BlastRender

/// `blast can`: may a start do one action on one resource? Exit 0 for yes, 1 for no.
struct CanCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "can",
        abstract: "Yes or no, with the path: may this credential or identity do ACTION on RESOURCE? Exit 0 yes, 1 no.",
        discussion: "Example: blast can samples/acme.yaml --from summarizer-key --action close --on tickets/support --at 2026-11-23")

    @OptionGroup var files: ModelFiles
    @Option(help: ArgumentHelp("The credential or identity to start from.", valueName: "id"))
    var from: String
    @Option(help: ArgumentHelp("A concrete action, e.g. read.", valueName: "action"))
    var action: String
    @Option(help: ArgumentHelp("The resource.", valueName: "resource"))
    var on: String
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func run() throws { try runForReal() }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32 {
        let graph = try Workspace.graph(files, io: &io)
        let start = try Workspace.resolveStart(graph, from, mfa: query.mfa)
        let resource = try Workspace.resolveResource(graph, on, option: "--on")
        let options = query.options
        let answer = graph.can(from: start, action: action, on: resource, options: options)
        let steps = answer.reach?.path ?? []
        let approvedSteps = answer.onceApproved?.path
        switch output.resolved() {
        case .text:
            let text = TextReport(graph: graph, colour: io.isTerminal && output.output == nil)
            if let reach = answer.reach {
                io.write("yes: \(from) can \(action) on \(on) at \(options.at.iso8601) (\(text.hops(reach.hops)))\n  \(text.path(steps))\n")
            } else {
                io.write("no: \(from) cannot \(action) on \(on) at \(options.at.iso8601)\n")
                if let approvedSteps, let r = answer.onceApproved {
                    io.write("  but could once approved (\(text.hops(r.hops))):\n  \(text.path(approvedSteps))\n")
                }
            }
        case .json:
            io.write(JSONReport.encode(JSONReport.Can(
                from: from, action: action, on: on, at: options.at.iso8601, allowed: answer.allowed, hops: answer.reach?.hops,
                path: JSONReport.path(steps), onceApproved: approvedSteps.map(JSONReport.path))))
        case .dot, .svg:
            var paths = [SceneBuilder.PathSpec(steps: steps, isHighlighted: true)]
            if let approvedSteps { paths.append(.init(steps: approvedSteps, isHighlighted: false, isEligibleOnly: true)) }
            let verdict = answer.allowed ? "yes" : (approvedSteps != nil ? "no (yes once approved)" : "no")
            let scene = SceneBuilder.scene(graph: graph, title: "Can \(from) \(action) on \(on) at \(options.at.iso8601)? \(verdict)",
                                           source: from, paths: paths, extraNodes: [on])
            io.write(bytes: try Diagrams.draw(scene, output.resolved().diagram!, maxResources: output.maxResources))
        }
        try output.deliver(&io)
        return answer.allowed ? ExitStatus.ok : ExitStatus.no
    }
}
