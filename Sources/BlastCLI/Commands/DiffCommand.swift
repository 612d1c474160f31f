import ArgumentParser
import BlastCore
import BlastRender

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
    @Option(name: .customLong("new"), parsing: .upToNextOption,
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
    @OptionGroup var query: QueryFlags
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if old.isEmpty || new.isEmpty { throw ValidationError("give the old model files, then --, then the new ones") }
    }

    func run() throws { try runForReal() }

    /// One source whose radius changed.
    struct Change {
        let id: String
        let kind: String
        let diff: RadiusDiff
        var escalations: Int { diff.gained.filter(diff.isEscalation).count }
        var criticalGains: Int {
            diff.gained.filter { diff.after.search.graph.resources[$0.resource.index].criticality == .critical }.count
        }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32 {
        let before = try Workspace.graph(old, io: &io)
        let after = try Workspace.graph(new, io: &io)
        let options = query.options
        var ids: [(String, String)] = []
        var seen: Set<String> = []
        for g in [before, after] {
            for c in g.credentials where seen.insert(c.id).inserted { ids.append((c.id, "credential")) }
            for i in g.identities where seen.insert(i.id).inserted { ids.append((i.id, "identity")) }
        }
        var changes: [Change] = []
        for (id, kind) in ids {
            let b = (try? before.start(from: id, mfa: query.mfa)).map { [$0] } ?? []
            let a = (try? after.start(from: id, mfa: query.mfa)).map { [$0] } ?? []
            let d = RadiusDiff(before: before.radius(from: b, options: options), after: after.radius(from: a, options: options))
            if d.changed { changes.append(Change(id: id, kind: kind, diff: d)) }
        }
        changes.sort { x, y in
            let kx = [x.escalations, x.criticalGains, x.diff.gained.count], ky = [y.escalations, y.criticalGains, y.diff.gained.count]
            return kx != ky ? kx.lexicographicallyPrecedes(ky, by: >) : x.id < y.id
        }
        let gate = failOnGain && changes.contains { $0.criticalGains > 0 }
        switch output.resolved() {
        case .text:
            let report = ChangeReport(colour: io.isTerminal && output.output == nil)
            io.write("Diff of \(old.joined(separator: " ")) → \(new.joined(separator: " ")) at \(options.at.iso8601): \(changes.count) credentials and identities changed reach\n")
            for c in changes {
                io.write("\n\(c.kind) \(c.id): +\(c.diff.gained.count) −\(c.diff.lost.count)\(c.escalations > 0 ? ", \(c.escalations) through new escalation paths" : "")\n")
                io.write(report.body(c.diff, showKept: false))
            }
            if gate { io.write("\nfail: the change adds standing reach to critical resources\n") }
        case .json:
            io.write(JSONReport.encode(JSONReport.Diff(
                at: options.at.iso8601, old: old, new: new, failed: gate,
                changes: changes.map { c in
                    JSONReport.DiffEntry(
                        id: c.id, kind: c.kind, newEscalationPaths: c.escalations,
                        gained: c.diff.gained.map { JSONReport.change($0, in: c.diff.after) },
                        lost: c.diff.lost.map { JSONReport.change($0, in: c.diff.before) },
                        gainedEligible: c.diff.gainedEligible.map { JSONReport.change($0, in: c.diff.after, eligible: true) })
                })))
        case .dot, .svg:
            let paths = changes.flatMap { c in c.diff.gained.map { SceneBuilder.PathSpec(steps: c.diff.after.path($0.proof), isHighlighted: c.diff.isEscalation($0)) } }
            let scene = SceneBuilder.scene(graph: after, title: "Reach gained from \(old.joined(separator: " ")) to \(new.joined(separator: " ")) at \(options.at.iso8601)",
                                           source: nil, paths: paths)
            io.write(bytes: try Diagrams.draw(scene, output.resolved().diagram!, maxResources: output.maxResources))
        }
        try output.deliver(&io)
        return gate ? ExitStatus.violated : ExitStatus.ok
    }
}
