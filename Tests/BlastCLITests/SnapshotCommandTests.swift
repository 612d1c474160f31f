import BlastCLI
import BlastTestSupport
import Foundation
import Testing

/// `blast export --format snapshot`, and every command answering on a snapshot exactly as on the
/// files it came from.
@Suite("Snapshots on the command line", .serialized)
struct SnapshotCommandTests {
    let folder: URL

    init() throws {
        folder = try scratchFolder()
    }

    /// Exports `files` to a snapshot in the scratch folder and returns its path.
    func export(_ files: [String], as name: String = "model.snap") throws -> String {
        let path = folder.appendingPathComponent(name).path
        let r = blast(["export"] + files + ["--format", "snapshot", "-o", path])
        try #require(r.code == 0, "\(r.err)")
        #expect(r.err.hasSuffix("wrote \(path)\n"))
        return path
    }

    static let awsFiles = [
        "prod-authorization-details.json", "tooling-authorization-details.json", "prod-credential-report.csv",
        "tooling-credential-report.csv", "inventory.yaml",
    ].map { "\(samples)/aws/\($0)" }

    @Test("the export starts with the magic bytes and is byte-identical every time")
    func exportIsDeterministic() throws {
        let first = try export([acme], as: "a.snap"), second = try export([acme], as: "b.snap")
        let bytes = try #require(FileManager.default.contents(atPath: first))
        #expect(bytes.starts(with: Array("BLASTSNP".utf8)))
        #expect(FileManager.default.contents(atPath: second) == bytes)
        let again = try export([first], as: "c.snap")
        #expect(FileManager.default.contents(atPath: again) == bytes)
    }

    @Test(
        "queries, audits and exports answer byte-identically on the snapshot",
        arguments: [
            ["radius", "--from", "deploy-token", "--format", "text", "--at", "2026-11-23"],
            ["radius", "--from", "alice", "--mfa", "--format", "json", "--at", "2026-11-23"],
            ["radius", "--from", "dave", "--format", "dot", "--at", "2026-11-23"],
            ["who-can", "--reach", "prod/db/customers", "--format", "text", "--at", "2026-11-23"],
            ["who-can", "--reach", "prod/db/customers", "--action", "read", "--format", "json", "--at", "2026-11-23"],
            ["path", "--from", "dave", "--to", "prod/app/web", "--at", "2026-11-23"],
            ["rank", "--top", "5", "--at", "2026-11-23"],
            ["chokepoints", "--from-all-credentials", "--to-criticality", "critical", "--at", "2026-11-23"],
            ["audit", "--usage", "\(samples)/acme-usage.csv", "--ignore", "\(samples)/acme-ignore.yaml", "--at", "2026-11-23"],
            ["audit", "--usage", "\(samples)/acme-usage.csv", "--format", "json", "--at", "2026-11-23"],
            ["export", "--format", "json"],
            ["export", "--format", "edges"],
        ])
    func sameAnswers(_ command: [String]) throws {
        let snapshot = try export([acme])
        let args = Array(command.prefix(1)), rest = Array(command.dropFirst())
        let onYAML = blast(args + [acme] + rest), onSnapshot = blast(args + [snapshot] + rest)
        #expect(onYAML.code == onSnapshot.code)
        #expect(!onYAML.out.isEmpty)
        #expect(onSnapshot.out == onYAML.out)
    }

    @Test(
        "the AWS and Kubernetes samples answer the same from their snapshots",
        arguments: [
            (awsFiles, ["radius", "--from", "AKIAEXAMPLECIDEPLOY1", "--format", "json"]),
            (awsFiles, ["audit", "--format", "json"]),
            (
                ["\(samples)/k8s/cluster.yaml", "\(samples)/k8s/kubeconfig-ci.yaml"],
                ["radius", "--from", "k8s:prod:kubeconfig:ci-builder"]
            ),
        ])
    func importedSamples(_ files: [String], _ command: [String]) throws {
        let snapshot = try export(files)
        let args = Array(command.prefix(1)), rest = Array(command.dropFirst()) + at
        let direct = blast(args + files + rest), fromSnapshot = blast(args + [snapshot] + rest)
        #expect(direct.code == 0, "\(direct.err)")
        #expect(fromSnapshot.out == direct.out)
    }

    @Test("a snapshot mixes with model files")
    func mixed() throws {
        let snapshot = try export([acme])
        let extra = folder.appendingPathComponent("extra.yaml").path
        try "version: 1\nidentities: [{id: zed}]\ngrants: [{to: zed, role: prod-admin}]\n".write(
            toFile: extra, atomically: true, encoding: .utf8)
        let onYAML = blast(["radius", acme, extra, "--from", "zed"] + at),
            onSnapshot = blast(["radius", snapshot, extra, "--from", "zed"] + at)
        #expect(onYAML.code == 0, "\(onYAML.err)")
        #expect(onSnapshot.out == onYAML.out)
    }

    @Test("a snapshot is not written to a terminal")
    func refusesTerminal() throws {
        let command = try BlastCommand.parseAsRoot(["export", acme, "--format", "snapshot"])
        let runnable = try #require(command as? BlastRunnable)
        var io = CommandIO(isTerminal: true)
        #expect(throws: CommandFailure.self) { _ = try runnable.execute(&io) }
        do {
            _ = try runnable.execute(&io)
        } catch {
            #expect(error.message == "error: a snapshot is binary; write it to a file with -o FILE (or redirect standard output)")
            #expect(error.exitCode == .usage)
        }
        #expect(io.stdout.isEmpty)
    }

    @Test("a damaged snapshot fails with exit 65 and a message naming the file")
    func damaged() throws {
        let snapshot = try export([acme])
        var bytes = try #require(FileManager.default.contents(atPath: snapshot))
        bytes[bytes.count / 2] ^= 1
        try bytes.write(to: URL(fileURLWithPath: snapshot))
        let r = blast(["radius", snapshot, "--from", "dave"] + at)
        #expect(r.code == 65)
        #expect(r.out.isEmpty)
        #expect(
            r.err == "\(snapshot): error: checksum mismatch: the snapshot is damaged or was edited; "
                + "re-create it with blast export --format snapshot\n")
    }
}
