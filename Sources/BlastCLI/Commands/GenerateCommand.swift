import ArgumentParser
import BlastCore
import BlastImport

/// `blast generate`: a deterministic synthetic organisation for benchmarks.
struct GenerateCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic, IAM-shaped synthetic organisation (about 11 edges per identity).",
        discussion: "Example: blast generate --identities 10000 --seed 7 -o output/org-10k.json (JSON unless -o ends in .yaml)")

    @Option(help: "Number of identities (people, service accounts, agents).") var identities: Int
    @Option(help: "Random seed; the same seed gives the same file.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of standard output.", valueName: "file")) var output: String?

    func validate() throws {
        if identities < 1 { throw ValidationError("--identities must be at least 1") }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let model = SyntheticOrganisation.generate(identities: identities, seed: seed)
        let yaml = output.map { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") } ?? false
        io.write(yaml ? ModelWriter.yaml(model) : ModelJSONWriter.json(model))
        try OutputOptions(output: output).deliver(&io)
        return .ok
    }
}
