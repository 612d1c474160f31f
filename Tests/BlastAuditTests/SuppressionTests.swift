import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("Suppressions, baselines and lp.suppression-no-expiry")
struct SuppressionTests {
    func run(_ model: Model, _ suppressions: [Suppression], at: Instant = Fixtures.now) -> AuditResult {
        Audit.run(AuditContext(graph: Fixtures.compile(model), settings: AuditSettings(at: at), suppressions: suppressions))
    }

    let staleKey = Suppression(
        rule: "lp.stale-credential", subject: "stale-*", justification: "rotating next sprint",
        expires: Fixtures.date("2027-01-01"))

    @Test("an active suppression moves the matching finding to suppressed")
    func suppresses() {
        let r = run(AuditFixtures.credentialAges(), [staleKey])
        #expect(!r.findings.map(\.fingerprint).contains("lp.stale-credential:stale-key"))
        #expect(r.suppressed.map(\.finding.fingerprint) == ["lp.stale-credential:stale-key"])
        #expect(r.unusedSuppressions.isEmpty)
    }

    @Test("an expired suppression no longer applies")
    func expired() {
        let r = run(AuditFixtures.credentialAges(), [staleKey], at: Fixtures.date("2027-02-01"))
        #expect(r.findings.map(\.fingerprint).contains("lp.stale-credential:stale-key"))
        #expect(r.expiredSuppressions == [staleKey])
    }

    @Test("a suppression that never expires is itself a finding")
    func neverExpires() throws {
        var forever = staleKey
        forever.expires = nil
        let r = run(AuditFixtures.credentialAges(), [forever])
        let f = try #require(r.findings.first { $0.rule == "lp.suppression-no-expiry" })
        #expect(f.subject == "suppression:lp.stale-credential:stale-*")
        #expect(r.suppressed.count == 1)
    }

    @Test("a suppression with an expiry is not a finding")
    func withExpiry() {
        #expect(findings(SuppressionNoExpiry(), AuditFixtures.credentialAges(), suppressions: [staleKey]).isEmpty)
    }

    @Test("a baseline hides findings it already holds")
    func baseline() {
        let r = run(AuditFixtures.credentialAges(), [])
        let newer = r.new(comparedTo: ["lp.stale-credential:stale-key", "lp.stale-credential:old-key"])
        #expect(newer.findings.map(\.fingerprint) == ["lp.stale-credential:idle-key"])
    }

    @Test("findings are sorted by severity, rule and subject, identically run to run")
    func sortedAndStable() {
        let a = run(Fixtures.denyOnBackups(), []).findings
        let b = run(Fixtures.denyOnBackups(), []).findings
        #expect(a == b)
        #expect(a == a.sorted(by: Finding.precedes))
        #expect(a.first?.rule == "lp.standing-admin")
    }
}
