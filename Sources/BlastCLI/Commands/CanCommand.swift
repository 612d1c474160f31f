import ArgumentParser
import BlastCore
import BlastPresent

/// `blast can`: may a start do one action on one resource? Exit 0 for yes, 1 for no.
struct CanCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "can",
        abstract: "Yes or no, with the path: may this credential or identity do ACTION on RESOURCE? Exit 0 yes, 1 no.",
        discussion: "Example: blast can samples/acme.yaml --from summarizer-key --action close --on tickets/support --at 2026-11-23")

    @OptionGroup var files: ModelFiles
    @OptionGroup var start: StartOption
    @Option(help: ArgumentHelp("A concrete action, e.g. read.", valueName: "action"))
    var action: String
    @Option(help: ArgumentHelp("The resource.", valueName: "resource"))
    var on: String
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !action.allSatisfy(\.isWhitespace) else {
            throw ValidationError("--action: give a concrete action, e.g. read; an empty action is no question")
        }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let graph = try ModelInput.graph(files, io: &io)
        let from = start.from
        let origin = try ModelInput.start(graph, from, mfa: query.mfa)
        let resource = try ModelInput.resource(graph, on, option: "--on")
        let options = query.options
        let answer = graph.can(from: origin, action: action, on: resource, options: options)
        try output.emit(CanPresenter(answer, graph: graph, from: from, action: action, on: on, options: options), &io)
        return answer.allowed ? .ok : .no
    }
}
