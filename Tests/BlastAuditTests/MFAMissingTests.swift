import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.mfa-missing")
struct MFAMissingTests {
    @Test("a human's admin grant without MFA is reported")
    func grant() throws {
        let f = try #require(findings(MFAMissing(), Fixtures.denyOnBackups()).first)
        #expect(f.subject == "grant:ops:prod-admin")
        #expect(f.severity == .high)
    }

    @Test("an MFA-gated admin grant is fine")
    func gated() {
        #expect(findings(MFAMissing(), Fixtures.mfaGated()).isEmpty)
    }

    @Test("assuming an admin identity without MFA is reported; with MFA it is not")
    func assume() {
        let subjects = findings(MFAMissing(), AuditFixtures.assumeAdminWithoutMFA()).map(\.subject)
        #expect(subjects == ["assume:admins:root-bot"])
    }

    @Test("services' admin grants are not this rule's business")
    func services() {
        #expect(findings(MFAMissing(), AuditFixtures.wildcardService()).isEmpty)
    }
}
