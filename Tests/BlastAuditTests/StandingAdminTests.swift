import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.standing-admin")
struct StandingAdminTests {
    @Test("a standing * on prod is a critical finding with the grant's path")
    func standingStar() throws {
        let f = try #require(findings(StandingAdmin(), Fixtures.denyOnBackups()).first)
        #expect(f.rule == "lp.standing-admin")
        #expect(f.severity == .critical)
        #expect(f.subject == "grant:ops:prod-admin")
        #expect(f.subjects.contains("ops"))
        #expect(describe(f.evidence[0].steps) == "ops -grant-> prod-admin -allow-> prod/backups")
    }

    @Test("an approval-gated break-glass grant is not standing admin")
    func approvalGated() {
        #expect(findings(StandingAdmin(), Fixtures.breakGlass()).isEmpty)
    }

    @Test("an expiring * grant is not standing admin")
    func expiring() {
        var m = Fixtures.denyOnBackups()
        m.grants[0].terms.expires = Fixtures.date("2026-12-31")
        #expect(findings(StandingAdmin(), m).isEmpty)
    }
}
