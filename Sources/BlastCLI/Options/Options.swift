import ArgumentParser
import BlastCore
import BlastRender
import Foundation

/// The model files every query reads.
struct ModelFiles: ParsableArguments {
    @Argument(help: ArgumentHelp("Model files (YAML, JSON or snapshots) and exports (AWS, Kubernetes); several are merged into one model.", valueName: "model"))
    var models: [String]

    @Option(name: .customLong("key"), help: ArgumentHelp("An AWS access key id the exports lack, as ID=USER (or ID=USER#2 for the second key); repeatable.", valueName: "id=user"))
    var keys: [String] = []

    func validate() throws {
        guard !models.isEmpty else { throw ValidationError("give at least one model file") }
        _ = try accessKeys()
    }

    /// `--key` options as user → key id.
    func accessKeys() throws -> [String: String] {
        var out: [String: String] = [:]
        for k in keys {
            let parts = k.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--key: '\(k)' is not ID=USER")
            }
            out[parts[1]] = parts[0]
        }
        return out
    }
}

/// When and how a query runs.
struct QueryFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Judge grants, assumes and credentials at this instant (ISO 8601 date or date-time; default: now).", valueName: "time"))
    var at: String?

    @Flag(help: "A session started from an identity has MFA (a credential brings its own).")
    var mfa = false

    @Flag(help: "Follow approval-gated grants and assumes as if approved.")
    var withApprovals = false

    func validate() throws {
        if let at, Instant(iso8601: at) == nil {
            throw ValidationError("--at: '\(at)' is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
        }
    }

    var options: QueryOptions {
        let instant = at.flatMap(Instant.init(iso8601:))
            ?? Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        return QueryOptions(at: instant, mfa: mfa, withApprovals: withApprovals)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, dot, svg

    var diagram: DiagramFormat? {
        switch self {
        case .dot: .dot
        case .svg: .svg
        case .text, .json: nil
        }
    }
}

/// Where and how to write the answer.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text, json, dot or svg (default: from the -o extension, else text).")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Largest number of resource nodes a diagram shows before folding subtrees.")
    var maxResources = 150

    init() {}

    /// Output to a file (or stdout when nil) with the default format.
    init(output: String?) {
        self.output = output
    }

    func validate() throws {
        if maxResources < 1 { throw ValidationError("--max-resources must be at least 1") }
    }

    /// The format asked for, or the one the output file's extension implies.
    func resolved(default fallback: OutputFormat = .text) -> OutputFormat {
        if let format { return format }
        if let output {
            switch (output as NSString).pathExtension.lowercased() {
            case "json": return .json
            case "dot", "gv": return .dot
            case "svg": return .svg
            case "txt": return .text
            default: break
            }
        }
        return fallback
    }

    /// Writes what the command produced to `-o` (creating folders), or leaves it for stdout.
    func deliver(_ io: inout CommandIO) throws(CommandFailure) {
        guard let output else { return }
        let url = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(io.stdout).write(to: url)
        } catch {
            throw CommandFailure("error: -o: cannot write '\(output)': \(error.localizedDescription)")
        }
        io.stdout = []
        io.diagnose("wrote \(output)")
    }
}
extension Criticality: ExpressibleByArgument {}
