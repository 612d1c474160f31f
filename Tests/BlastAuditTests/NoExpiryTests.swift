import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.no-expiry")
struct NoExpiryTests {
    @Test("an admin grant on critical resources without expires is a high finding")
    func adminForever() throws {
        let f = try #require(findings(NoExpiry(), Fixtures.denyOnBackups()).first)
        #expect(f.severity == .high)
        #expect(f.subject == "grant:ops:prod-admin")
        #expect(f.fix.contains("expires: 2027-02-21"))
    }

    @Test("a read-only grant on low resources is not elevated")
    func notElevated() {
        #expect(findings(NoExpiry(), Fixtures.nestedGroups()).isEmpty)
    }

    @Test("a grant with expires is fine")
    func expiring() {
        #expect(findings(NoExpiry(), Fixtures.timeBound()).isEmpty)
    }

    @Test("an approval-gated grant is exempt")
    func approvalGated() {
        #expect(findings(NoExpiry(), Fixtures.breakGlass()).isEmpty)
    }
}
