import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.agent-unapproved-write")
struct AgentUnapprovedWriteTests {
    @Test("an agent that closes tickets with standing access is reported; readers and approval-gated agents are not")
    func standingClose() throws {
        let all = findings(AgentUnapprovedWrite(), AuditFixtures.agents())
        #expect(all.map(\.subject) == ["closer"])
        let f = try #require(all.first)
        #expect(f.title.contains("close, write"))
        #expect(f.severity == .critical)  // tickets/security is high
        #expect(describe(f.evidence[0].steps) == "closer -grant-> ticket-resolver -allow-> tickets/security")
    }

    @Test("with the approval removed, the remediator is reported too")
    func remediatorWithoutApproval() {
        var m = AuditFixtures.agents()
        m.grants[2].terms.approval = false
        #expect(findings(AgentUnapprovedWrite(), m).map(\.subject).sorted() == ["closer", "remediator"])
    }

    @Test(
        "read-only and mutating action patterns",
        arguments: [
            ("read", false), ("s3:Get*", false), ("db:query", false), ("logs:Describe*", false),
            ("write", true), ("close", true), ("delete", true), ("*", true), ("credentials:*", true), ("s3:PutObject", true),
            ("G*", true), ("administer", true),
        ])
    func classification(pattern: String, mutating: Bool) {
        #expect(ActionClass.isMutating(pattern) == mutating)
    }
}
