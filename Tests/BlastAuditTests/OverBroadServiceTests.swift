import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.over-broad-service")
struct OverBroadServiceTests {
    @Test("a service with * on s3/* is over-broad; a literal reader of logs is not")
    func wildcards() throws {
        let all = findings(OverBroadService(), AuditFixtures.wildcardService())
        #expect(all.map(\.subject) == ["ci"])
        let f = try #require(all.first)
        #expect(f.message.contains("wildcard actions *"))
        #expect(f.message.contains("wildcard resources s3/*"))
        #expect(f.severity == .medium)
    }

    @Test("a workload reaching more than the share of critical resources is over-broad")
    func criticalShare() throws {
        let f = try #require(findings(OverBroadService(), AuditFixtures.narrowButCriticalWorkload()).first)
        #expect(f.severity == .high)
        #expect(f.message.contains("1 of 1 critical resources"))
    }

    @Test("raising the share to 1 clears a narrow workload")
    func shareThreshold() {
        let settings = AuditSettings(at: Fixtures.now, criticalShare: 1)
        #expect(findings(OverBroadService(), AuditFixtures.narrowButCriticalWorkload(), settings: settings).isEmpty)
    }

    @Test("humans are not judged by this rule")
    func humans() {
        #expect(findings(OverBroadService(), Fixtures.denyOnBackups()).isEmpty)
    }
}
