@testable import BlastCore
import BlastImport
import BlastTestSupport
import Testing

/// `diff` searches only the sources that can reach what a change touched; the answer must be the
/// one a radius of every source gives.
@Suite("Organisation diff candidates")
struct OrganisationDiffCandidateTests {
    /// One edit of the sample organisation, named for the test table.
    struct Edit: Sendable, CustomStringConvertible {
        let description: String
        let apply: @Sendable (inout Model) -> Void
    }

    static let edits: [Edit] = [
        Edit(description: "revoke the first grant") { $0.grants.removeFirst() },
        Edit(description: "revoke the last grant") { $0.grants.removeLast() },
        Edit(description: "a group loses a member") { $0.groups[0].members.removeLast() },
        Edit(description: "a group gains a member") { m in
            let outsider = m.identities.first { i in !m.groups[1].members.contains(i.id) }
            m.groups[1].members.append(outsider!.id)
        },
        Edit(description: "a resource becomes critical") { m in
            let k = m.resources.firstIndex { $0.criticality != .critical }!
            m.resources[k].criticality = .critical
        },
        Edit(description: "a credential is cleaned out of where it was stored") { m in
            let k = m.credentials.firstIndex { !$0.storedIn.isEmpty }!
            m.credentials[k].storedIn = []
        },
        Edit(description: "a credential is pasted into the first resource") { $0.credentials[0].storedIn.append($0.resources[0].id) },
        Edit(description: "a resource is added under the first") { m in
            m.resources.append(Resource(id: m.resources[0].id + "/new", criticality: .critical))
        },
        Edit(description: "a role loses its last allow") { m in
            let k = m.roles.firstIndex { $0.allow.count > 1 }!
            m.roles[k].allow.removeLast()
        },
        Edit(description: "an assume is dropped") { $0.assumes.removeFirst() },
        Edit(description: "an identity moves into a resource") { $0.identities[0].resource = $0.resources.last!.id },
        Edit(description: "takeover actions change") { $0.takeoverActions = ["*"] },
        Edit(description: "origins move, nothing else") { m in
            for k in m.grants.indices { m.grants[k].origin = nil }
        },
    ]

    @Test("the diff of searched candidates equals the diff of every source", arguments: edits)
    func candidatesGiveTheFullAnswer(edit: Edit) throws {
        let before = try ModelSources.load(paths: [Fixtures.acmePath]).model
        var after = before
        edit.apply(&after)
        let (b, a) = (Fixtures.compile(before), Fixtures.compile(after))
        let options = Fixtures.options()
        let full = summary(OrganisationDiff(before: b, after: a, options: options, candidates: nil))
        #expect(summary(OrganisationDiff(before: b, after: a, options: options)) == full)
        // Every source past the limit: the reach fingerprints choose.
        let printed = OrganisationDiff.candidates(before: b, after: a, options: options, searchLimit: 0)
        #expect(summary(OrganisationDiff(before: b, after: a, options: options, candidates: printed)) == full)
    }

    @Test("on a generated organisation, the fingerprinted diff equals the diff of every source")
    func generatedOrganisation() {
        let before = SyntheticOrganisation.generate(identities: 200, seed: 7)
        var after = before
        after.grants.removeAll { $0.to.hasPrefix("team-p0") || $0.to == "svc0" }
        after.groups[1].members.removeFirst()
        after.credentials[3].storedIn.append("wiki/space0/page1")
        let (b, a) = (Fixtures.compile(before), Fixtures.compile(after))
        let options = Fixtures.options()
        let full = summary(OrganisationDiff(before: b, after: a, options: options, candidates: nil))
        let printed = OrganisationDiff.candidates(before: b, after: a, options: options, searchLimit: 0)
        #expect(!full.isEmpty)
        #expect(summary(OrganisationDiff(before: b, after: a, options: options, candidates: printed)) == full)
    }

    @Test("a change no source can reach needs no radius")
    func unreachableChangeSearchesNothing() throws {
        let before = try ModelSources.load(paths: [Fixtures.acmePath]).model
        var after = before
        after.resources.append(Resource(id: "island", criticality: .critical))
        let candidates = DiffCandidates.sources(before: Fixtures.compile(before), after: Fixtures.compile(after))
        #expect(candidates == [])
    }

    /// Each change as text: source, kind, and the resources lost, gained and newly eligible.
    private func summary(_ d: OrganisationDiff) -> [String] {
        d.changes.map { c in
            let ids = { (g: AccessGraph, r: [Radius.ReachedResource]) in g.ids(r).joined(separator: ",") }
            let (bg, ag) = (c.diff.before.search.graph, c.diff.after.search.graph)
            return "\(c.id) \(c.kind) -\(ids(bg, c.diff.lost)) +\(ids(ag, c.diff.gained)) ?\(ids(ag, c.diff.gainedEligible))"
        }
    }
}
