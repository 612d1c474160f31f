import BlastCore
import BlastPresent
import BlastTestSupport
import Testing

/// The radius presenter folds what one session controls completely into one entry.
@Suite("Radius presenter: full control")
struct FullControlPresenterTests {
    @Test("text folds the controlled low resources and what is reached through the controller; critical and high stay listed")
    func textFolds() {
        let g = Fixtures.compile(Fixtures.fullControl(children: 60))
        let text = RadiusPresenter(g.radius(from: g.startFor("dev"), options: Fixtures.options()), source: "dev").text(.plain)
        #expect(text.contains("Full control\n  admin [service] 1 hop may do every action (*) on 62 resources (1 critical, 1 high)\n"))
        #expect(text.contains("through it also 1 identity, 1 unmatched statement, not listed (--detail lists everything)"))
        #expect(text.contains("prod/r0  [*]"))
        #expect(text.contains("prod/r1  [*]"))
        #expect(text.contains("docs  [read]"))
        #expect(!text.contains("prod/r2 "))
        #expect(!text.contains("  bot [service]"))
        // Reached through the controller without using its power, or not through it: listed.
        #expect(text.contains("  peer [service]"))
        #expect(text.contains("  helper [service]"))
        #expect(!text.contains("Unmatched statements"))
        // The summary still counts everything.
        #expect(text.contains("5 identities, 0 credentials, 63 resources (1 critical)"))
    }

    @Test("with detail nothing is folded, and JSON keeps every list complete with a full_control summary")
    func detailAndJSON() throws {
        let g = Fixtures.compile(Fixtures.fullControl(children: 60))
        let detailed = RadiusPresenter(g.radius(from: g.startFor("dev"), options: Fixtures.options(), detail: true), source: "dev")
        #expect(!detailed.text(.plain).contains("Full control"))
        #expect(detailed.text(.plain).contains("prod/r2 "))
        let json = JSONText.encode(RadiusPresenter(g.radius(from: g.startFor("dev"), options: Fixtures.options()), source: "dev").json())
        #expect(json.contains(#""full_control" : {"#))
        #expect(json.contains(#""identities_through" : 1"#))
        #expect(json.contains(#""id" : "prod/r2""#))
        #expect(!JSONText.encode(detailed.json()).contains("full_control"))
    }

    @Test("below the minimum nothing is folded")
    func small() {
        let g = Fixtures.compile(Fixtures.fullControl(children: 40))
        let text = RadiusPresenter(g.radius(from: g.startFor("dev"), options: Fixtures.options()), source: "dev").text(.plain)
        #expect(!text.contains("Full control"))
        #expect(text.contains("  bot [service]"))
    }
}
