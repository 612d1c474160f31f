import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.stale-credential")
struct StaleCredentialTests {
    @Test("unused keys are medium, old but used keys are low, fresh keys are fine")
    func ages() {
        let all = findings(StaleCredential(), AuditFixtures.credentialAges())
        let bySubject = Dictionary(uniqueKeysWithValues: all.map { ($0.subject, $0.severity) })
        #expect(bySubject == ["stale-key": .medium, "old-key": .low, "idle-key": .medium])
    }

    @Test("a fresh key is not stale")
    func fresh() {
        #expect(!findings(StaleCredential(), AuditFixtures.credentialAges()).map(\.subject).contains("fresh-key"))
    }

    @Test("generous thresholds clear every key")
    func thresholds() {
        let settings = AuditSettings(at: Fixtures.now, staleDays: 1000, rotateDays: 2000)
        #expect(findings(StaleCredential(), AuditFixtures.credentialAges(), settings: settings).isEmpty)
    }
}
