import ArgumentParser
import BlastCore
import BlastRender

/// `blast chokepoints`: the fewest changes that cut every start off every target.
struct ChokepointsCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "chokepoints",
        abstract: "The smallest set of cuttable edges (membership, grant, assume, credential copy) that disconnects every start from every target, and the edges on the most paths.",
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
                throw ValidationError("--cost: '\(part)' is not KIND=N with KIND one of \(CutKind.allCases.map(\.rawValue).joined(separator: ", ")) and N ≥ 1")
            }
            out[kind] = value
        }
        return out
    }

    func run() throws { try runForReal() }

    /// A single cuttable edge and how many start→target shortest paths use it.
    struct Ranked {
        let change: ModelChange
        let pairs: Int
        var removes = 0
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32 {
        let model = try Workspace.model(files, io: &io)
        let graph = try Workspace.compile(model)
        let options = query.options
        var startIDs = from
        if fromAllCredentials { startIDs += graph.credentials.filter { $0.isValid(at: options.at) }.map(\.id) }
        var starts: [AccessGraph.Start] = []
        for id in startIDs { starts.append(try Workspace.resolveStart(graph, id, mfa: query.mfa)) }
        var targets: [ResourceID] = []
        for id in to { targets.append(try Workspace.resolveResource(graph, id, option: "--to")) }
        if let level = toCriticality {
            targets += graph.resources.indices.filter { graph.resources[$0].criticality >= level }.map { ResourceID($0) }
        }
        let targetSet = Set(targets)
        let costs = (try? costs()) ?? [:]
        let cut = graph.chokepoints(from: starts, to: Array(targetSet).sorted(), options: options, costs: costs)

        // Single edges on the most start→target shortest paths, and what each removes alone.
        let radii = starts.map { graph.radius(from: $0, options: options) }
        var counts: [ModelChange: Int] = [:]
        var pairs = 0
        for r in radii {
            for x in r.resources where targetSet.contains(x.resource) {
                pairs += 1
                for change in Set(r.path(x.proof).compactMap(ChokepointsCommand.change)) { counts[change, default: 0] += 1 }
            }
        }
        let before = radii.reduce(0) { $0 + $1.resources.count }
        func removed(_ changes: [ModelChange]) throws(CommandFailure) -> Int {
            let changed: Model
            do { changed = try model.applying(changes) } catch { throw CommandFailure(error.description) }
            let g = try Workspace.compile(changed)
            return before - startIDs.reduce(0) { sum, id in
                sum + ((try? g.start(from: id, mfa: query.mfa)).map { g.radius(from: $0, options: options).resources.count } ?? 0)
            }
        }
        var ranked = counts.map { Ranked(change: $0.key, pairs: $0.value) }
            .sorted { $0.pairs != $1.pairs ? $0.pairs > $1.pairs : $0.change.description < $1.change.description }
        ranked = Array(ranked.prefix(top))
        for k in ranked.indices { ranked[k].removes = try removed([ranked[k].change]) }
        let cutRemoves = try removed(cut.cuts.map(\.change))
        func verify() throws(CommandFailure) -> Bool {
            let changed: Model
            do { changed = try model.applying(cut.cuts.map(\.change)) } catch { throw CommandFailure(error.description) }
            let g = try Workspace.compile(changed)
            let ids = Set(targetSet.map { graph.resources[$0.index].id })
            return startIDs.allSatisfy { id in
                guard let s = try? g.start(from: id, mfa: query.mfa) else { return true }
                return !g.radius(from: s, options: options).resources.contains { ids.contains(g.resources[$0.resource.index].id) }
            }
        }
        let verified = try verify()

        switch output.resolved() {
        case .text:
            let text = TextReport(graph: graph, colour: io.isTerminal && output.output == nil)
            io.write("Chokepoints between \(text.plural(starts.count, "start")) and \(text.plural(targetSet.count, "target")) at \(options.at.iso8601): \(pairs) start→target pairs reachable\n")
            if cut.cuts.isEmpty {
                io.write("\nno start reaches a target: nothing to cut\n")
            } else {
                io.write("\n\(text.bold("Minimum cut")) (cost \(cut.cost), \(text.plural(cut.cuts.count, "change"))); together they remove \(text.plural(cutRemoves, "resource")) from the starts' radii\n")
                for c in cut.cuts { io.write("  \(c.change)\(c.cost != 1 ? "   (cost \(c.cost))" : "")\n") }
                io.write(verified ? "  verified: with these changes no start reaches a target\n" : "  NOT verified: a start still reaches a target through an approximated escalation (see docs)\n")
            }
            if !ranked.isEmpty {
                io.write("\n\(text.bold("Edges on the most start→target paths"))\n")
                for (k, r) in ranked.enumerated() {
                    io.write("  \(k + 1). \(r.change)   on \(r.pairs) of \(pairs) pairs; alone it removes \(text.plural(r.removes, "resource"))\n")
                }
            }
        case .json:
            io.write(JSONReport.encode(JSONReport.Chokepoints(
                at: options.at.iso8601, starts: startIDs, targets: targetSet.sorted().map { graph.resources[$0.index].id }, pairs: pairs,
                cut: cut.cuts.map { .init(change: $0.change.description, kind: $0.kind.rawValue, cost: $0.cost) }, cost: cut.cost,
                removes: cutRemoves, verified: verified,
                ranking: ranked.map { .init(change: $0.change.description, pairs: $0.pairs, removes: $0.removes) })))
        case .dot, .svg:
            var paths: [SceneBuilder.PathSpec] = []
            for r in radii {
                for x in r.resources where targetSet.contains(x.resource) { paths.append(.init(steps: r.path(x.proof), isHighlighted: true)) }
            }
            var scene = SceneBuilder.scene(graph: graph, title: "Chokepoints at \(options.at.iso8601): cut \(cut.cuts.map(\.change.description).joined(separator: " "))",
                                           source: nil, paths: paths)
            let removedKeys = Set(cut.cuts.flatMap { $0.change.removedEdges(in: model) }.map { "\($0.from)\u{0}\($0.to)\u{0}\($0.kind.rawValue)" })
            for k in scene.edges.indices where removedKeys.contains("\(scene.edges[k].from)\u{0}\(scene.edges[k].to)\u{0}\(scene.edges[k].kind.rawValue)") {
                scene.edges[k].isRemoved = true
            }
            io.write(bytes: try Diagrams.draw(scene, output.resolved().diagram!, maxResources: output.maxResources))
        }
        try output.deliver(&io)
        return ExitStatus.ok
    }

    /// The change that removes one explanation step, for the cuttable kinds.
    static func change(_ s: PathStep) -> ModelChange? {
        switch s.edge {
        case .member: .removeMember(group: s.to, member: s.from)
        case .grant: .revokeGrant(to: s.from, role: s.to)
        case .assume: .removeAssume(from: s.from, to: s.to)
        case .pivot: .purge(credential: s.to, resource: s.from)
        case .credential, .takeover, .allow, .escalate: nil
        }
    }
}
