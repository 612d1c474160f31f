import ArgumentParser
import BlastCore
import BlastPresent

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

    func validate() throws {
        if let action, action.allSatisfy(\.isWhitespace) {
            throw ValidationError("--action: give a concrete action, e.g. read, or leave the option out")
        }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let graph = try ModelInput.graph(files, io: &io)
        let resource = try ModelInput.resource(graph, reach, option: "--reach")
        try output.emit(WhoCanPresenter(graph.whoCan(reach: resource, action: action, options: query.options), graph: graph), &io)
        return .ok
    }
}
