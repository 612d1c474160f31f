@testable import BlastCLI
import BlastTestSupport
import Foundation
import Testing

/// The command-line cases of the bad-input trial (issue 15) that answered silently (E13–E15) or
/// with an unclear error (U7): each is refused with the option or file named, or noted.
@Suite("Command-line strict input", .serialized)
struct CommandLineStrictInputTests {
    let folder: URL

    init() throws {
        folder = try scratchFolder()
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("E13: a check policy with no assertions is refused (65), not a passing gate")
    func emptyPolicy() throws {
        let policy = try write("p.yaml", "version: 1\nassertions: []\n")
        let r = runBlast(["check", Fixtures.acmePath, "--policy", policy, "--at", "2026-11-23"])
        #expect(r.code == 65)
        #expect(r.err == "\(policy):2: error: assertions: the policy has no assertions; a gate that checks nothing always passes\n")
    }

    @Test("E14: usage records of an identity the model lacks are noted with the closest identity")
    func usageUnknownIdentity() throws {
        let usage = try write("u.csv", "identity,action,resource,time\nci-runnr,read,wiki,2026-11-20\nci-runnr,read,wiki,2026-11-21\n")
        let r = runBlast(["audit", Fixtures.acmePath, "--usage", usage, "--at", "2026-11-23"])
        #expect(r.code == 0)
        let notes = r.err.split(separator: "\n").filter { $0.contains("ci-runnr") }
        #expect(
            notes == [
                "\(usage):2: note: identity 'ci-runnr' is not an identity of the model: its usage records are ignored; did you mean 'ci-runner'?"
            ])
    }

    @Test("a JSON-lines usage record with a number where a string belongs says so")
    func usageWrongType() throws {
        let usage = try write("u.jsonl", #"{"identity": "dave", "action": 42, "resource": "wiki", "time": "2026-11-20"}"# + "\n")
        let r = runBlast(["audit", Fixtures.acmePath, "--usage", usage, "--at", "2026-11-23"])
        #expect(r.code == 65)
        #expect(r.err == "\(usage):1: error: field 'action' must be a string\n")
    }

    @Test("--key naming one user twice, or one id twice, is a usage error (64)")
    func duplicateKeyOption() {
        for keys in [["AKIA1=dana", "AKIA2=dana"], ["AKIA1=dana", "AKIA1=bob"]] {
            let r = runBlast(["rank", Fixtures.acmePath] + keys.flatMap { ["--key", $0] })
            #expect(r.code == 64 && r.err.contains("--key"))
        }
    }

    @Test("E4: --key naming a user the AWS exports lack is a usage error (64)")
    func keyUnknownUser() {
        let r = runBlast(["rank", sample("aws/prod-authorization-details.json"), "--key", "AKIAX=nobody", "--no-cache"])
        #expect(r.code == 64)
        #expect(r.err.contains("--key 'AKIAX=nobody': user 'nobody' is in no loaded authorization details or credential report"))
    }

    @Test("E15: can --action '' is a usage error (64), not a 'no'", arguments: ["", " "])
    func emptyAction(action: String) {
        let r = runBlast(["can", Fixtures.acmePath, "--from", "dave", "--action", action, "--on", "prod/db"])
        #expect(r.code == 64 && r.out.isEmpty && r.err.contains("--action"))
    }

    @Test("E15: who-can --action '' is a usage error (64)")
    func emptyWhoCanAction() {
        let r = runBlast(["who-can", Fixtures.acmePath, "--reach", "prod/db", "--action", ""])
        #expect(r.code == 64 && r.err.contains("--action"))
    }

    @Test(
        "U7: a negative day threshold after a space is refused as negative, not as missing",
        arguments: ["--review-days", "--stale-days", "--rotate-days", "--usage-days"])
    func negativeDays(option: String) {
        let r = runBlast(["audit", Fixtures.acmePath, option, "-1", "--at", "2026-11-23"])
        #expect(r.code == 64 && r.err.contains("\(option) must be 0 or more"))
    }

    @Test("U7: a negative --critical-share after a space is refused as out of range")
    func negativeShare() {
        let r = runBlast(["audit", Fixtures.acmePath, "--critical-share", "-0.5", "--at", "2026-11-23"])
        #expect(r.code == 64 && r.err.contains("--critical-share must be between 0 and 1"))
    }

    @Test("U5: a change without its ':' is reported as malformed, not as missing")
    func malformedChange() {
        let r = runBlast(["what-if", Fixtures.acmePath, "--from", "dave", "--purge", "deploy-token"])
        #expect(r.code == 64)
        #expect(r.err.contains("--purge: 'deploy-token' is not of the form CREDENTIAL:RESOURCE"))
    }

    @Test("U6: a patch removal that matches nothing names the patch file and line, not an option")
    func patchMatchesNothing() throws {
        let patch = try write("patch.yaml", "version: 1\nremove:\n  grants:\n    - {to: sre, role: nothing}\n")
        let r = runBlast(["what-if", Fixtures.acmePath, "--from", "dave", "--patch", patch])
        #expect(r.code == 65)
        #expect(r.err.hasPrefix("\(patch):4: error: remove.grants[0]: no grant of role 'nothing' to 'sre'"))
        #expect(!r.err.contains("--revoke-grant"))
    }

    @Test("U8: a snapshot whose content is inconsistent is blamed, with the place it recorded")
    func snapshotBlamed() throws {
        let yaml = try write("m.yaml", "version: 1\nidentities: [{id: alice}]\n")
        let a = folder.appendingPathComponent("a.snap").path
        let b = folder.appendingPathComponent("b.snap").path
        #expect(runBlast(["export", yaml, "--format", "snapshot", "--no-cache", "-o", a]).code == 0)
        #expect(runBlast(["export", yaml, "--format", "snapshot", "--no-cache", "-o", b]).code == 0)
        try FileManager.default.removeItem(atPath: yaml)
        let r = runBlast(["rank", a, b, "--no-cache"])
        #expect(r.code == 65)
        #expect(r.err.hasPrefix("\(a), \(b): error: identities[0]: duplicate id 'alice'"))
        #expect(r.err.contains("(recorded at \(yaml):2 when the snapshot was made)"))
    }

    @Test("U8: a clash between a snapshot and a given file says the cited place is the snapshot's source")
    func snapshotCited() throws {
        let source = try write("old.yaml", "version: 1\nidentities: [{id: alice}]\n")
        let snap = folder.appendingPathComponent("old.snap").path
        #expect(runBlast(["export", source, "--format", "snapshot", "--no-cache", "-o", snap]).code == 0)
        try FileManager.default.removeItem(atPath: source)
        let yaml = try write("new.yaml", "version: 1\nidentities: [{id: alice}]\n")
        let r = runBlast(["rank", snap, yaml, "--no-cache"])
        #expect(r.code == 65)
        #expect(r.err.hasPrefix("\(yaml):2: error:"))
        #expect(r.err.contains("(\(source) is where a snapshot, \(snap), was made from)"))
    }

    @Test("U9: a YAML syntax error in an AWS inventory is reported as YAML, with its line")
    func inventoryYAMLSyntax() throws {
        let inventory = try write("inv.yaml", "aws_inventory: 1\nresources:\n  - arn: [x\n")
        let r = runBlast(["rank", sample("aws/prod-authorization-details.json"), inventory, "--no-cache"])
        #expect(r.code == 65)
        #expect(r.err.hasPrefix("\(inventory):4:1: error: syntax:"))
        #expect(!r.err.contains("JSON"))
    }

    @Test("generate --help states its limits, the ones it enforces")
    func generateLimits() {
        let help = GenerateCommand.helpMessage(columns: 200)
        #expect(help.contains("10,000,000") && help.contains("1,000,000"))
        #expect(help.contains("--identities 1 to 10,000,000"))
        let over = runBlast(["generate", "--identities", "10000001"])
        #expect(over.code == 64 && over.err.contains("at most 10000000"))
    }

    @Test("the README's input limits are the ones the code enforces")
    func readmeLimits() throws {
        let readme = try String(contentsOfFile: Fixtures.repositoryRoot + "/README.md", encoding: .utf8)
        func grouped(_ n: Int) -> String {
            let digits = Array(String(n))
            return String(digits.enumerated().flatMap { k, d in (k > 0 && (digits.count - k) % 3 == 0) ? [",", d] : [d] })
        }
        #expect(readme.contains("| `audit` day thresholds | 0 to \(grouped(AuditOptions.maximumDays)) (10,000 years) |"))
        #expect(
            readme.contains(
                "| `generate` | `--identities` 1 to \(grouped(GenerateCommand.maximumIdentities)); AWS counts 0 to \(grouped(GenerateCommand.maximumAWSCount)) each |"
            ))
    }
}
