import ArgumentParser
import BlastCore
import BlastRender
import Foundation

/// The model files every query reads.
struct ModelFiles: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Model files (YAML, JSON or snapshots) and exports (AWS, Kubernetes); several are merged into one model.", valueName: "model"))
    var models: [String]

    @Flag(help: "Read the inputs themselves: neither use nor write the model cache ($XDG_CACHE_HOME/blast).")
    var noCache = false

    @Option(
        name: .customLong("key"),
        help: ArgumentHelp(
            "An AWS access key id the exports lack, as ID=USER (or ID=USER#2 for the second key); repeatable.", valueName: "id=user"))
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
            // Two ids for one key slot, or one id for two, would silently keep only one.
            if let other = out[parts[1]] { throw ValidationError("--key: \(parts[1]) is given two ids, \(other) and \(parts[0])") }
            if out.values.contains(parts[0]) { throw ValidationError("--key: the id \(parts[0]) is given twice") }
            out[parts[1]] = parts[0]
        }
        return out
    }
}

/// When and how a query runs.
struct QueryFlags: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Judge grants, assumes and credentials at this instant (ISO 8601 date or date-time; default: now).", valueName: "time"))
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
        let instant =
            at.flatMap(Instant.init(iso8601:))
            ?? Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        return QueryOptions(at: instant, mfa: mfa, withApprovals: withApprovals)
    }
}

extension Criticality: ExpressibleByArgument {}

/// The one start of `radius`, `can` and `path`.
struct StartOption: ParsableArguments {
    @Option(help: ArgumentHelp("The credential or identity to start from.", valueName: "id"))
    var from: String
}

/// `--detail`: the per-identity access breakdown of every reached resource.
struct DetailFlag: ParsableArguments {
    @Flag(help: "List, per resource, what each reached identity may do there (grows as identities × resources).")
    var detail = false
}
