import ArgumentParser
import BlastCore
import BlastImport

/// `blast export`: the model as a plain edge list (for graph libraries), native JSON, or a binary
/// snapshot that every command loads in a fraction of the JSON's time.
struct ExportCommand: ParsableCommand, BlastRunnable {
    enum Format: String, ExpressibleByArgument, CaseIterable { case edges, json, snapshot }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write the explanation graph as an edge list (`u v` per line; credentials are nodes 0..C-1), the model as native JSON, or the model as a binary snapshot that loads fast.",
        discussion: """
            Example: blast export output/org-10k.json --format edges -o output/org-10k.edges
            Example: blast export output/org-10k.json --format snapshot -o output/org-10k.snap
            """)

    @OptionGroup var files: ModelFiles
    @Option(help: "edges, json or snapshot.") var format: Format = .edges
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of standard output.", valueName: "file")) var output: String?

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        if format == .snapshot, output == nil, io.isTerminal {
            throw CommandFailure(
                "error: a snapshot is binary; write it to a file with -o FILE (or redirect standard output)", exitCode: .usage)
        }
        let model = try ModelInput.model(files, io: &io)
        switch format {
        case .snapshot:
            io.write(bytes: ModelSnapshot.bytes(model))
        case .json:
            io.write(ModelJSONWriter.json(model))
        case .edges:
            let list = try ModelInput.compile(model).edgeList()
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
        return .ok
    }
}
