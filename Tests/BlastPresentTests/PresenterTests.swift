import BlastCore
import BlastImport
import BlastPresent
import BlastRender
import BlastTestSupport
import Foundation
import Testing

/// One presenter per answer per format: what each writes, pinned rule by rule.
@Suite("Presenters")
struct PresenterTests {
    /// The sample, named relative to the package root as the goldens' origins are.
    func sample() throws -> AccessGraph {
        AccessGraph.compile(try ModelSources.load(paths: ["samples/acme.yaml"]).validated)
    }

    @Test("the radius presenter writes the golden text and JSON of the sample's deploy token, with and without detail",
          arguments: [false, true])
    func radiusGolden(detail: Bool) throws {
        let g = try sample()
        let r = g.radius(from: g.startFor("deploy-token"), options: Fixtures.options(), detail: detail)
        let p = RadiusPresenter(r, source: "deploy-token")
        let name = "radius-deploy-token" + (detail ? "-detail" : "")
        #expect(Golden.mismatch(Array(p.text(.plain).utf8), name: name + ".txt") == nil)
        #expect(Golden.mismatch(Array(JSONText.encode(p.json()).utf8), name: name + ".json") == nil)
    }

    @Test("text is painted only when the style asks for colour")
    func colour() {
        let steps = [PathStep(from: "a", fromKind: .identity, to: "b", toKind: .resource, edge: .takeover)]
        #expect(!TextStyle.plain.path(steps).contains("\u{1B}"))
        #expect(TextStyle(colour: true).path(steps).contains("\u{1B}[31m"))
        #expect(TextStyle.plain.path(steps) == "a -takeover-> b")
        #expect(TextStyle.plain.path([]) == "(the start itself)")
    }

    @Test("a 'no' that approval would turn into 'yes' says so in text, JSON and the diagram")
    func canOnceApproved() throws {
        let g = Fixtures.compile(Fixtures.breakGlass())
        let answer = g.can(from: g.startFor("frank"), action: "delete", on: g.resourceFor("prod/db"), options: Fixtures.options())
        #expect(!answer.allowed)
        #expect(answer.onceApproved != nil)
        let p = CanPresenter(answer, graph: g, from: "frank", action: "delete", on: "prod/db", options: Fixtures.options())
        #expect(p.text(.plain).hasPrefix("no: frank cannot delete on prod/db at 2026-11-23T00:00:00Z\n  but could once approved (3 hops):"))
        #expect(JSONText.encode(p.json()).contains("\"once_approved\""))
        #expect(p.scene().title.hasSuffix("no (yes once approved)"))
        #expect(p.scene().nodes.contains { $0.id == "prod/db" })
    }

    @Test("what-if strikes through the edges its change removes, and they are no longer highlighted")
    func whatIfMarksRemoved() throws {
        let w = try Fixtures.wikiRevokeWhatIf()
        let scene = WhatIfPresenter(w).scene()
        let removed = scene.edges.filter(\.isRemoved)
        #expect(removed.map { "\($0.from)->\($0.to)" } == ["engineering->wiki-reader"])
        #expect(removed.allSatisfy { !$0.isHighlighted })
        #expect(WhatIfPresenter(w).text(.plain).contains("Cut ("))
    }

    @Test("every JSON document encodes with sorted keys and a trailing newline")
    func jsonShape() throws {
        let g = try sample()
        let ranking = g.rank(options: Fixtures.options(), order: .critical)
        let text = JSONText.encode(RankPresenter(ranking, graph: g, top: 2).json())
        #expect(text.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["entries"] as? [Any])?.count == 2)
        #expect(text.range(of: "\"at\"")!.lowerBound < text.range(of: "\"by\"")!.lowerBound)
    }
}
