import ArgumentParser
import BlastCore
import BlastImport
import Foundation

/// `blast generate`: a deterministic synthetic organisation (or AWS account export) for benchmarks.
struct GenerateCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write a deterministic, IAM-shaped synthetic organisation (about 3.3 explanation edges per identity), or an AWS account export.",
        discussion: """
            Example: blast generate --identities 10000 --seed 7 -o output/org-10k.json (JSON unless -o ends in .yaml)
            AWS: blast generate --shape aws --size S --seed 7 -o output/aws-s (writes authorization-details.json, credential-report.csv, inventory.yaml)
            Sizes: S = 1k users / 500 roles / 300 customer policies / 50 groups, M = 10k/5k/3k/300, L = 50k/25k/15k/1500.
            Limits: --identities 1 to 10,000,000; --users, --roles, --policies, --groups 0 to 1,000,000 each.
            """)

    enum Shape: String, ExpressibleByArgument, CaseIterable { case native, aws }

    @Option(help: "native (a blast model) or aws (authorization details, credential report, inventory).") var shape: Shape = .native
    @Option(help: "Number of identities (people, service accounts, agents), 1 to 10,000,000; native only.") var identities: Int?
    @Option(help: "AWS account size: S, M or L; aws only.") var size: String = "S"
    @Option(help: "Override the size's number of users, 0 to 1,000,000 (aws).") var users: Int?
    @Option(help: "Override the size's number of roles, 0 to 1,000,000 (aws).") var roles: Int?
    @Option(help: "Override the size's number of customer managed policies, 0 to 1,000,000 (aws).") var policies: Int?
    @Option(help: "Override the size's number of groups, 0 to 1,000,000 (aws).") var groups: Int?
    @Option(help: "Random seed; the same seed gives the same file.") var seed: UInt64 = 1
    @Option(
        name: .shortAndLong, help: ArgumentHelp("Write here instead of standard output (aws: a directory, required).", valueName: "path"))
    var output: String?

    /// The most identities `--shape native` builds (about 110 million edges, gigabytes of JSON).
    static let maximumIdentities = 10_000_000
    /// The most users, roles, customer policies or groups `--shape aws` builds (20 × size L).
    static let maximumAWSCount = 1_000_000

    func validate() throws {
        switch shape {
        case .native:
            guard let identities else { throw ValidationError("--identities is required with --shape native") }
            if identities < 1 { throw ValidationError("--identities must be at least 1") }
            if identities > Self.maximumIdentities {
                throw ValidationError("--identities must be at most \(Self.maximumIdentities), not \(identities)")
            }
        case .aws:
            if AWSAccountGenerator.Size.named(size) == nil { throw ValidationError("--size must be S, M or L, not '\(size)'") }
            if output == nil { throw ValidationError("--shape aws writes several files: give a directory with -o") }
            for (name, v) in [("users", users), ("roles", roles), ("policies", policies), ("groups", groups)] {
                if let v, v < 0 { throw ValidationError("--\(name) must not be negative") }
                if let v, v > Self.maximumAWSCount { throw ValidationError("--\(name) must be at most \(Self.maximumAWSCount), not \(v)") }
            }
        }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        if shape == .aws { return try generateAWS(&io) }
        let model = SyntheticOrganisation.generate(identities: identities ?? 1, seed: seed)
        let yaml = output.map { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") } ?? false
        io.write(yaml ? ModelWriter.yaml(model) : ModelJSONWriter.json(model))
        try OutputOptions(output: output).deliver(&io)
        return .ok
    }

    func generateAWS(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        var s = AWSAccountGenerator.Size.named(size) ?? .s
        s.users = users ?? s.users
        s.roles = roles ?? s.roles
        s.customerPolicies = policies ?? s.customerPolicies
        s.groups = groups ?? s.groups
        let directory = output ?? "."
        let files = AWSAccountGenerator.generate(size: s, seed: seed)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (name, text) in files.named {
                try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
            }
        } catch {
            throw CommandFailure(
                "\(directory): error: cannot write the generated account: \(error.localizedDescription)",
                exitCode: .cannotWrite)
        }
        io.diagnose("wrote \(files.named.map(\.name).sorted().map { directory + "/" + $0 }.joined(separator: ", "))")
        return .ok
    }
}
