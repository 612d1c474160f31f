import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.review-overdue")
struct ReviewOverdueTests {
    @Test("grants on critical resources never reviewed, or reviewed too long ago, are overdue")
    func overdue() {
        let all = findings(ReviewOverdue(), AuditFixtures.reviews())
        #expect(all.map(\.subject).sorted() == ["grant:never:db-reader", "grant:old:db-reader"])
        #expect(all.first { $0.subject == "grant:old:db-reader" }?.message.contains("206 days ago") == true)
    }

    @Test("a recent review, or a grant on nothing critical, is fine")
    func fine() {
        let subjects = findings(ReviewOverdue(), AuditFixtures.reviews()).map(\.subject)
        #expect(!subjects.contains("grant:recent:db-reader"))
        #expect(!subjects.contains("grant:low:wiki-reader"))
    }

    @Test("--review-days 365 accepts a review 206 days old")
    func threshold() {
        let settings = AuditSettings(at: Fixtures.now, reviewDays: 365)
        #expect(findings(ReviewOverdue(), AuditFixtures.reviews(), settings: settings).map(\.subject) == ["grant:never:db-reader"])
    }
}
