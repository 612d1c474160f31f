import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.expired-leftover")
struct ExpiredLeftoverTests {
    @Test("expired grants, assumes and credentials are each reported")
    func leftovers() {
        let subjects = findings(ExpiredLeftover(), AuditFixtures.expiredLeftovers()).map(\.subject).sorted()
        #expect(subjects == ["assume:ops:deploy-bot", "dave-old-key", "grant:dave:debug"])
    }

    @Test("an active time-bound grant is not a leftover")
    func active() {
        #expect(findings(ExpiredLeftover(), Fixtures.timeBound()).isEmpty)
    }

    @Test("before they expire, nothing is a leftover")
    func beforeExpiry() {
        let settings = AuditSettings(at: Fixtures.date("2026-03-01"))
        #expect(findings(ExpiredLeftover(), AuditFixtures.expiredLeftovers(), settings: settings).isEmpty)
    }
}
