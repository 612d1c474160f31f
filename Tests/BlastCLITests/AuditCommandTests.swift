import BlastCLI
import BlastTestSupport
import Foundation
import Testing

/// Runs `blast` in-process; output as text.
func runBlast(_ args: [String]) -> (code: Int32, out: String, err: String) {
    let r = BlastCommand.execute(args)
    return (r.exitCode, String(decoding: r.stdout, as: UTF8.self), r.stderr)
}

/// A bundled sample file next to `samples/acme.yaml`.
func sample(_ name: String) -> String {
    URL(fileURLWithPath: Fixtures.acmePath).deletingLastPathComponent().appendingPathComponent(name).path
}

/// A fresh temporary folder.
func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("blast-audit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func jsonObject(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

let auditSample = [
    "audit", Fixtures.acmePath, "--at", "2026-11-23", "--usage", sample("acme-usage.csv"),
    "--ignore", sample("acme-ignore.yaml"),
]

@Suite("blast audit", .serialized)
struct AuditCommandTests {
    static let rules = [
        "lp.standing-admin", "lp.shared-credential", "lp.escalation-path", "lp.over-broad-service", "lp.agent-unapproved-write",
        "lp.no-expiry", "lp.expired-leftover", "lp.review-overdue", "lp.stale-credential", "lp.mfa-missing",
        "lp.unused-permission", "lp.suppression-no-expiry",
    ]

    @Test("every rule fires on the bundled sample, each finding with evidence paths")
    func everyRuleFires() throws {
        let r = runBlast(auditSample + ["--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let findings = try #require(jsonObject(r.out)["findings"] as? [[String: Any]])
        let fired = Set(findings.compactMap { $0["rule"] as? String })
        for rule in Self.rules { #expect(fired.contains(rule), "\(rule) does not fire") }
        for f in findings where f["rule"] as? String != "lp.suppression-no-expiry" {
            let evidence = try #require(f["evidence"] as? [[String: Any]])
            #expect(!evidence.isEmpty && !((evidence[0]["path"] as? [Any]) ?? []).isEmpty, "\(f["fingerprint"] ?? "")")
        }
    }

    @Test("the sample's story: who fires what")
    func sampleStory() throws {
        let r = runBlast(auditSample + ["--format", "json"])
        let fingerprints = Set(((jsonObject(r.out)["findings"] as? [[String: Any]]) ?? []).compactMap { $0["fingerprint"] as? String })
        for fp in [
            "lp.standing-admin:grant:sre:prod-admin", "lp.shared-credential:deploy-token", "lp.shared-credential:backup-svc-key",
            "lp.escalation-path:dave", "lp.over-broad-service:ci-runner", "lp.agent-unapproved-write:ticket-summarizer",
            "lp.expired-leftover:assume:ticket-remediator:deploy-bot", "lp.expired-leftover:grant:dave:prod-debug@prod/us",
            "lp.expired-leftover:dave-old-key", "lp.review-overdue:grant:sre:prod-admin", "lp.stale-credential:erin-api-key",
            "lp.mfa-missing:grant:sre:prod-admin", "lp.unused-permission:grant:ci-runner:ci-pipeline",
            "lp.suppression-no-expiry:suppression:lp.review-overdue:grant:backup-svc:*",
        ] {
            #expect(fingerprints.contains(fp), "\(fp)")
        }
        // Suppressed findings, and the remediator (it writes only once approved), are not reported.
        for fp in [
            "lp.stale-credential:reporting-svc-key", "lp.review-overdue:grant:backup-svc:backup-operator",
            "lp.agent-unapproved-write:ticket-remediator",
        ] {
            #expect(!fingerprints.contains(fp), "\(fp)")
        }
    }

    @Test("every format writes the findings", arguments: ["text", "json", "sarif", "markdown"])
    func formats(format: String) {
        let r = runBlast(auditSample + ["--format", format])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("lp.standing-admin"))
        #expect(r.out.contains("deploy-token"))
    }

    @Test("output is identical run to run", arguments: ["text", "json", "sarif", "markdown"])
    func deterministic(format: String) {
        let a = runBlast(auditSample + ["--format", format])
        let b = runBlast(auditSample + ["--format", format])
        #expect(a.out == b.out)
    }

    @Test("JSON findings come sorted by severity, rule and subject")
    func sorted() throws {
        let findings = try #require(jsonObject(runBlast(auditSample + ["--format", "json"]).out)["findings"] as? [[String: Any]])
        let rank = ["critical": 0, "high": 1, "medium": 2, "low": 3]
        let keys = findings.map {
            (rank[$0["severity"] as? String ?? ""] ?? 9, $0["rule"] as? String ?? "", $0["subject"] as? String ?? "")
        }
        #expect(keys.elementsEqual(keys.sorted { $0 < $1 }, by: { $0 == $1 }))
    }

    @Test("--fail-on exits 2 when a finding reaches the level; a baseline that is not a saved run is bad input (65)")
    func failOn() {
        #expect(runBlast(auditSample + ["--fail-on", "critical"]).code == 2)
        #expect(runBlast(auditSample + ["--min-severity", "high", "--fail-on", "high", "--format", "json"]).code == 2)
        let clean = runBlast([
            "audit", Fixtures.acmePath, "--at", "2026-11-23", "--min-severity", "critical", "--fail-on", "critical",
            "--baseline", sample("acme-usage.csv"),
        ])
        #expect(clean.code == 65)  // a usage file is not a baseline: bad input
    }

    @Test("--min-severity drops lower findings")
    func minSeverity() throws {
        let findings = try #require(
            jsonObject(runBlast(auditSample + ["--format", "json", "--min-severity", "high"]).out)["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { ["critical", "high"].contains($0["severity"] as? String ?? "") })
    }

    @Test("--baseline reports only new findings, and a run against itself passes --fail-on")
    func baseline() throws {
        let dir = try scratchFolder()
        let saved = dir.appendingPathComponent("baseline.json").path
        #expect(runBlast(auditSample + ["--format", "json", "-o", saved]).code == 0)
        let again = runBlast(auditSample + ["--format", "json", "--baseline", saved, "--fail-on", "low"])
        #expect(again.code == 0, "\(again.err)")
        #expect((jsonObject(again.out)["findings"] as? [Any])?.isEmpty == true)
        #expect(again.err.contains("already in the baseline"))
    }

    @Test("suppression notes: the lapsed one is reported on stderr")
    func suppressionNotes() {
        let r = runBlast(auditSample)
        #expect(r.err.contains("suppression of lp.expired-leftover for dave-old-key expired on 2026-10-31"))
        #expect(r.out.contains("Suppressed"))
    }

    @Test(
        "bad side inputs exit 65 with the file and line",
        arguments: [
            ("--usage", "identity,action,resource,time\nci-runner,read,repos/api,yesterday\n", "usage.csv:2: error: time 'yesterday'"),
            ("--usage", "who,what\n", "usage.csv:1: error: the header must name the columns"),
            (
                "--ignore", "suppressions:\n  - rule: lp.stale-credentials\n    subject: x\n    justification: y\n",
                "unknown rule 'lp.stale-credentials'; did you mean 'lp.stale-credential'?"
            ),
            ("--ignore", "suppressions:\n  - rule: lp.stale-credential\n    subject: x\n", "missing required key 'justification'"),
        ])
    func badInputs(option: String, body: String, message: String) throws {
        let dir = try scratchFolder()
        let name = option == "--usage" ? "usage.csv" : "ignore.yaml"
        let path = dir.appendingPathComponent(name).path
        try body.write(toFile: path, atomically: true, encoding: .utf8)
        let r = runBlast(["audit", Fixtures.acmePath, "--at", "2026-11-23", option, path])
        #expect(r.code == 65)
        #expect(r.err.contains(message), "\(r.err)")
    }

    @Test("usage as JSON lines gives the same findings as CSV")
    func jsonLines() throws {
        let dir = try scratchFolder()
        let path = dir.appendingPathComponent("usage.jsonl").path
        let csv = try String(contentsOfFile: sample("acme-usage.csv"), encoding: .utf8)
        var lines: [String] = []
        for line in csv.split(separator: "\n").dropFirst(3) where !line.hasPrefix("#") {
            let f = line.split(separator: ",").map(String.init)
            lines.append("{\"identity\": \"\(f[0])\", \"action\": \"\(f[1])\", \"resource\": \"\(f[2])\", \"time\": \"\(f[3])\"}")
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let base = ["audit", Fixtures.acmePath, "--at", "2026-11-23", "--format", "json", "--usage"]
        #expect(runBlast(base + [path]).out == runBlast(base + [sample("acme-usage.csv")]).out)
    }
}
