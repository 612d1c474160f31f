import ArgumentParser
import BlastCore
import BlastImport

/// `blast export`: the model as a plain edge list (for graph libraries) or native JSON.
struct ExportCommand: ParsableCommand, BlastRunnable {
    enum Format: String, ExpressibleByArgument, CaseIterable { case edges, json }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the explanation graph as an edge list (`u v` per line; credentials are nodes 0..C-1), or the model as native JSON.",
        discussion: "Example: blast export output/org-10k.json --format edges -o output/org-10k.edges")

    @OptionGroup var files: ModelFiles
    @Option(help: "edges or json.") var format: Format = .edges
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of standard output.", valueName: "file")) var output: String?

    func run() throws { try runForReal() }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> Int32 {
        let model = try Workspace.model(files, io: &io)
        switch format {
        case .json:
            io.write(ModelJSONWriter.json(model))
        case .edges:
            let list = try Workspace.compile(model).edgeList()
            io.write("# blast edge list: nodes=\(list.nodeCount) edges=\(list.edges.count) credentials=\(list.credentialCount)\n")
            var chunk = ""
            chunk.reserveCapacity(1 << 20)
            for (u, v) in list.edges {
                chunk += "\(u) \(v)\n"
                if chunk.utf8.count > 1 << 20 { io.write(chunk); chunk = "" }
            }
            io.write(chunk)
        }
        try OutputOptions(output: output).deliver(&io)
        return ExitStatus.ok
    }
}
