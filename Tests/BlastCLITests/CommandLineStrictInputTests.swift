import BlastCLI
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
}
