import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.unused-permission")
struct UnusedPermissionTests {
    let builds = [
        UsageRecord(identity: "ci", action: "write", resource: "repos/web", time: Fixtures.date("2026-11-20")),
        UsageRecord(identity: "ci", action: "read", resource: "repos/api", time: Fixtures.date("2026-11-21")),
        // Outside the 90-day window: does not count.
        UsageRecord(identity: "ci", action: "credentials:create", resource: "iam/backup-svc", time: Fixtures.date("2026-05-01")),
    ]

    @Test("a statement no recent use matched is reported with the trimmed role")
    func unused() throws {
        let f = try #require(findings(UnusedPermission(), AuditFixtures.ciWithTwoStatements(), usage: builds).first)
        #expect(f.subject == "grant:ci:ci-pipeline")
        #expect(f.message.contains("credentials:* on iam/backup-svc"))
        #expect(
            f.fix.hasSuffix(
                """
                - id: ci-pipeline-trimmed
                  allow:
                    - actions: [read, write]
                      resources: ["repos/*"]
                """))
        #expect(describe(f.evidence[0].steps) == "ci -grant-> ci-pipeline -allow-> iam/backup-svc")
    }

    @Test("when every statement was used, nothing is reported")
    func allUsed() {
        let usage =
            builds + [
                UsageRecord(identity: "ci", action: "credentials:create", resource: "iam/backup-svc", time: Fixtures.date("2026-11-01"))
            ]
        #expect(findings(UnusedPermission(), AuditFixtures.ciWithTwoStatements(), usage: usage).isEmpty)
    }

    @Test("without usage records the rule is silent")
    func noUsage() {
        #expect(findings(UnusedPermission(), AuditFixtures.ciWithTwoStatements()).isEmpty)
    }

    @Test("identities with no record in the window are not judged")
    func unobserved() {
        let usage = [UsageRecord(identity: "backup-svc", action: "read", resource: "repos/web", time: Fixtures.date("2026-11-20"))]
        #expect(findings(UnusedPermission(), AuditFixtures.ciWithTwoStatements(), usage: usage).isEmpty)
    }
}
