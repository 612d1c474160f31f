import BlastCLI
import BlastTestSupport
import Foundation
import Testing

/// The crash reproducers of the bad-input trial (issue 15), end to end: each is refused with a
/// message naming the file or option, the place and the bad value, and the documented exit code.
@Suite("Crash reproducers from the bad-input trial", .serialized)
struct BadInputCrashTests {
    let folder: URL

    init() throws {
        folder = try scratchFolder()
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// `samples/k8s/kubeconfig-ci.yaml` with its token's claims replaced by `claims` (base64url).
    func kubeconfig(claims: String) throws -> String {
        let sample = try String(contentsOfFile: sample("k8s/kubeconfig-ci.yaml"), encoding: .utf8)
        let lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("      token: ") ? "      token: eyJhbGciOiJub25lIn0.\(claims).x" : String(line)
        }
        let file = path("kc-exp.yaml")
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    static let expHuge = "eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6YnVpbGRlciIsImV4cCI6MWUzMDB9"  // exp 1e300
    static let expMin = "eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6YnVpbGRlciIsImV4cCI6LTkyMjMzNzIwMzY4NTQ3NzU4MDh9"  // exp Int64.min

    @Test("C1: a snapshot header announcing 2^64 - 1 payload bytes is refused as truncated (65)")
    func hugeHeaderLength() throws {
        let snap = path("hl.snap")
        #expect(runBlast(["export", Fixtures.acmePath, "--format", "snapshot", "-o", snap]).code == 0)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snap)))
        bytes.replaceSubrange(16..<24, with: [UInt8](repeating: 0xFF, count: 8))
        try Data(bytes).write(to: URL(fileURLWithPath: snap))
        let r = runBlast(["rank", snap, "--at", "2026-11-23"])
        #expect(r.code == 65)
        #expect(
            r.err
                == "\(snap): error: the snapshot is truncated: it ends at byte \(bytes.count), "
                + "but its header announces a payload of 18446744073709551615 bytes; "
                + "the snapshot is damaged, re-create it with blast export --format snapshot\n")
    }

    @Test(
        "C3: a kubeconfig token whose exp is not a time is refused by every command (65)",
        arguments: [
            (expHuge, "1e+300"), (expMin, "-9223372036854775808"),
        ])
    func kubeconfigExp(claims: String, shown: String) throws {
        let kc = try kubeconfig(claims: claims)
        let expected =
            "\(kc):19: error: documents[0].users[0].user.token: kubeconfig user 'ci-builder': the token's exp claim \(shown) "
            + "is not a time blast can read (seconds since 1970, in the years 0000 to 9999)\n"
        let cluster = sample("k8s/cluster.yaml")
        for args in [
            ["radius", cluster, kc, "--from", "k8s:prod:kubeconfig:ci-builder", "--at", "2026-11-23"],
            ["import", "k8s", cluster, kc, "-o", path("m.yaml")],
            ["export", cluster, kc, "--format", "json"],
            ["audit", cluster, kc, "--at", "2026-11-23", "--format", "json"],
        ] {
            let r = runBlast(args)
            #expect(r.code == 65, "\(args[0])")
            #expect(r.err == expected, "\(args[0])")
        }
    }

    @Test("C4: the 179 KB alias amplification is refused before it is expanded (65)")
    func aliasAmplification() throws {
        let names = (0..<10_000).map { "a\($0)" }.joined(separator: ", ")
        let text =
            "version: 1\nidentities: [{id: u}]\nroles:\n  - id: r\n    allow:\n      - &S {actions: &A [\(names)], resources: [x]}\n"
            + String(repeating: "      - *S\n", count: 10_000) + "grants: [{to: u, role: r}]\n"
        let file = path("amp.yaml")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let r = runBlast(["radius", file, "--from", "u"])
        #expect(r.code == 65)
        #expect(r.err.hasPrefix("\(file): error: roles[0].allow[1]: the alias *S repeats the 10006-node value anchored at line 6, "))
        #expect(r.err.contains("(the limit is 100000 plus 10 per byte of this \(text.utf8.count)-byte file)"))
    }

    @Test(
        "C7: audit day thresholds beyond 10,000 years are a usage error (64)",
        arguments: ["--usage-days", "--review-days", "--stale-days", "--rotate-days"])
    func hugeDays(option: String) {
        let r = runBlast([
            "audit", Fixtures.acmePath, "--at", "2026-11-23", "--usage", sample("acme-usage.csv"), option, "9223372036854775807",
        ])
        #expect(r.code == 64)
        #expect(r.err.contains("\(option) must be at most 3652425 (10,000 years), not 9223372036854775807"))
    }

    @Test("C7: the largest day threshold still audits")
    func largestDays() {
        let r = runBlast(["audit", Fixtures.acmePath, "--at", "2026-11-23", "--usage", sample("acme-usage.csv"), "--usage-days", "3652425"])
        #expect(r.code == 0, "\(r.err)")
    }

    @Test("C8: generate refuses more identities than it can build (64)")
    func hugeGenerate() {
        let r = runBlast(["generate", "--identities", "99999999999"])
        #expect(r.code == 64)
        #expect(r.err.contains("--identities must be at most 10000000, not 99999999999"))
    }

    @Test("C8: generate --shape aws refuses counts it cannot build (64)", arguments: ["--users", "--roles", "--policies", "--groups"])
    func hugeGenerateAWS(option: String) {
        let r = runBlast(["generate", "--shape", "aws", "-o", path("aws"), option, "99999999999"])
        #expect(r.code == 64)
        #expect(r.err.contains("\(option) must be at most 1000000, not 99999999999"))
    }
}
