import BlastCLI
import BlastCore
import BlastImport
import Foundation

/// One reader under fuzzing: how an input is handed to it, the property it must hold, and the
/// seed inputs it starts from.
///
/// The property, for every input: the reader returns a model (which then compiles) or throws an
/// error that names the file, with a message of bounded length; it never traps. The memory and
/// time caps are libFuzzer's (`-rss_limit_mb`, `-malloc_limit_mb`, `-timeout`; see docs/fuzzing.md).
enum FuzzTarget: String, CaseIterable, Sendable {
    case nativeYAML = "native-yaml"
    case nativeJSON = "native-json"
    case snapshot
    case awsAuthorization = "aws-authorization"
    case awsCredentialReport = "aws-credential-report"
    case awsInventory = "aws-inventory"
    case kubernetesList = "k8s-list"
    case kubeconfig
    case patch
    case policy

    /// The longest error message accepted: a bad value is quoted and cut to about 80 characters,
    /// so a message this long means a value (or a whole line) was pasted in full.
    static let longestMessage = 2_000

    /// The file name the input is written to: errors must name it.
    var fileName: String {
        switch self {
        case .nativeYAML: "model.yaml"
        case .nativeJSON: "model.json"
        case .snapshot: "model.blastsnap"
        case .awsAuthorization: "authorization-details.json"
        case .awsCredentialReport: "credential-report.csv"
        case .awsInventory: "inventory.yaml"
        case .kubernetesList: "cluster.yaml"
        case .kubeconfig: "kubeconfig.yaml"
        case .patch: "patch.yaml"
        case .policy: "policy.yaml"
        }
    }

    /// Files read together with the input (relative to the repository root): a credential report
    /// or inventory describes the users and resources of an authorization-details export.
    var companions: [String] {
        switch self {
        case .awsCredentialReport, .awsInventory: ["samples/aws/prod-authorization-details.json"]
        default: []
        }
    }

    /// The seed inputs, from `samples/`: each a name and its bytes.
    /// - Complexity: reads (and for JSON and snapshots, loads and re-encodes) the sample files.
    func seeds() throws -> [(name: String, bytes: [UInt8])] {
        func file(_ path: String) throws -> (name: String, bytes: [UInt8]) {
            (URL(fileURLWithPath: path).lastPathComponent, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        func model(_ paths: [String]) throws -> Model { try ModelSources.load(paths: paths).model }
        let models = [["samples/acme.yaml"], ["samples/aws/prod-authorization-details.json"], ["samples/k8s/cluster.yaml"]]
        switch self {
        case .nativeYAML: return try ["samples/acme.yaml", "samples/acme-pr.yaml"].map(file)
        case .nativeJSON:
            return try models.enumerated().map { k, paths in ("model-\(k).json", Array(ModelJSONWriter.json(try model(paths)).utf8)) }
        case .snapshot:
            return try models.enumerated().map { k, paths in ("model-\(k).blastsnap", ModelSnapshot.bytes(try model(paths))) }
        case .awsAuthorization:
            return try ["samples/aws/prod-authorization-details.json", "samples/aws/tooling-authorization-details.json"].map(file)
        case .awsCredentialReport: return try [file("samples/aws/prod-credential-report.csv")]
        case .awsInventory: return try [file("samples/aws/inventory.yaml")]
        case .kubernetesList: return try [file("samples/k8s/cluster.yaml")]
        case .kubeconfig: return try [file("samples/k8s/kubeconfig-ci.yaml")]
        case .patch: return try ["samples/acme-pr.yaml", "samples/acme-fix.yaml"].map(file)
        case .policy: return try [file("samples/acme-policy.yaml")]
        }
    }

    /// Runs one input through the reader and checks the property; a violation traps, so that
    /// libFuzzer keeps the input as a crash.
    /// - Complexity: the reader's, plus compiling the model it returns.
    func run(_ bytes: UnsafeRawBufferPointer, in directory: String) {
        let path = directory + "/" + fileName
        var input = [UInt8](bytes)
        if self == .snapshot { input = ModelSnapshot.resealing(input) }
        guard FileManager.default.createFile(atPath: path, contents: Data(input)) else { fatalError("cannot write \(path)") }
        switch self {
        case .patch:
            do {
                _ = try PatchLoader.loadLocated(path: path).apply(to: FuzzTarget.acme)
            } catch {
                expectLocated(error, path)
            }
        case .policy:
            let result = BlastCommand.execute(["check", "samples/acme.yaml", "--no-cache", "--policy", path, "--at", "2026-11-23"])
            switch result.exitCode {
            case ExitStatus.ok.rawValue, ExitStatus.violated.rawValue: break
            case ExitStatus.dataError.rawValue, ExitStatus.noInput.rawValue:
                guard result.stderr.hasPrefix(path + ":") else { fatalError("policy error without the file: \(result.stderr)") }
                expectBounded(result.stderr)
            default: fatalError("check exited \(result.exitCode): \(result.stderr)")
            }
        default:
            do {
                let imported = try ModelSources.load(paths: companions + [path])
                _ = AccessGraph.compile(imported.validated)
            } catch {
                expectLocated(error, path)
            }
        }
    }

    /// The error names a file (a whole-file problem names only the file; others add a line or
    /// key path) and is of bounded length.
    private func expectLocated(_ error: ImportError, _ path: String) {
        guard let file = error.file, !file.isEmpty else { fatalError("error without a file: \(error)") }
        expectBounded(error.description)
    }

    private func expectBounded(_ message: String) {
        guard message.utf8.count <= FuzzTarget.longestMessage else {
            fatalError("error message of \(message.utf8.count) bytes: \(message.prefix(300))…")
        }
    }

    /// The model patches apply to.
    static let acme: Model = {
        do { return try ModelSources.load(paths: ["samples/acme.yaml"]).model } catch { fatalError("\(error)") }
    }()
}
