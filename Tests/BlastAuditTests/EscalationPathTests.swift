import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.escalation-path")
struct EscalationPathTests {
    @Test("a takeover that reaches the database is reported with its path")
    func takeover() throws {
        let all = findings(EscalationPath(), Fixtures.takeoverOfBackupService())
        let f = try #require(all.first { $0.subject == "ci-runner" })
        #expect(f.severity == .critical)
        #expect(
            describe(f.evidence[0].steps)
                == "ci-runner -grant-> ci -allow-> iam/identities/backup-svc -takeover-> backup-svc -grant-> backup -allow-> prod/db")
        #expect(all.count == 1)
    }

    @Test("a pivot through a stored credential is an escalation of the reader")
    func pivot() {
        let subjects = findings(EscalationPath(), Fixtures.wikiLeaksDeployToken()).map(\.subject)
        #expect(subjects == ["dave"])
    }

    @Test("sanctioned assumes are not escalation")
    func assumes() {
        #expect(findings(EscalationPath(), Fixtures.assumeCycle()).isEmpty)
    }
}
