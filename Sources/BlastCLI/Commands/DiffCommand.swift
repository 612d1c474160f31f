import ArgumentParser
import BlastCore
import BlastPresent

/// `blast diff`: how two versions of an organisation differ in reach.
struct DiffCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a model: every credential and identity whose radius changed, with the path of each gain.",
        discussion: """
            New escalation paths (gains through pivots, takeovers, escalations or assumes) come first.
            With --fail-on-gain, exit 2 when the change adds reach to critical resources (a merge gate).
            Example: blast diff samples/acme.yaml -- samples/acme.yaml samples/acme-change.yaml --at 2026-11-23
            """)

    @Argument(help: ArgumentHelp("The old model files.", valueName: "old-model"))
    var old: [String] = []
    @Option(
        name: .customLong("new"), parsing: .upToNextOption,
        help: ArgumentHelp("The new model files (`--` before them works too).", valueName: "new-model"))
    var new: [String] = []

    /// `blast diff OLD... -- NEW...`: the first `--` after `diff` becomes `--new`, so options
    /// may still follow the new files.
    static func rewriteTerminator(_ arguments: [String]) -> [String] {
        guard arguments.first == "diff", let k = arguments.firstIndex(of: "--") else { return arguments }
        var out = arguments
        out[k] = "--new"
        return out
    }
    @Flag(help: "Exit 2 when some credential or identity gains standing reach to a critical resource.")
    var failOnGain = false
    @Flag(help: "Read the inputs themselves: neither use nor write the model cache ($XDG_CACHE_HOME/blast).")
    var noCache = false
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if old.isEmpty || new.isEmpty { throw ValidationError("give the old model files, then --, then the new ones") }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let before = try ModelInput.graph(old, useCache: !noCache, io: &io)
        let after = try ModelInput.graph(new, useCache: !noCache, io: &io)
        let answer = OrganisationDiff(before: before, after: after, options: query.options)
        let failed = failOnGain && answer.addsCriticalReach
        try output.emit(DiffPresenter(answer, old: old, new: new, failed: failed), &io)
        return failed ? .violated : .ok
    }
}
