import BlastCLI
import BlastTestSupport
import Foundation
import Testing

let samples = URL(fileURLWithPath: Fixtures.acmePath).deletingLastPathComponent().path

@Suite("What-if, diff, chokepoints and rank", .serialized)
struct ChangeCommandTests {
    @Test("a revoke that cuts access: purging the wiki copy cuts dave off production apps")
    func revokeCuts() throws {
        let r = blast(["what-if", acme, "--from", "dave", "--purge", "deploy-token:wiki/runbooks/deploy", "--format", "json"] + at)
        #expect(r.code == 0, "\(r.err)")
        let d = json(r.out)
        let cut = (d["cut"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(cut.contains("prod/app/web"))
        #expect(d["identities_lost"] as? [String] == ["deploy-bot"])
        for key in ["before", "after", "remaining", "gained", "changes"] { #expect(d[key] != nil, "\(key)") }
    }

    @Test("a revoke that does not cut: another path remains and is shown")
    func revokeLeavesAlternative() throws {
        // ci-runner may assume deploy-bot, but its way to the customer database is the takeover of
        // backup-svc: removing the assume leaves that path, and the answer shows it.
        let r = blast(["what-if", acme, "--from", "ci-runner-token", "--remove-assume", "ci-runner:deploy-bot", "--format", "json"] + at)
        #expect(r.code == 0, "\(r.err)")
        let d = json(r.out)
        let remaining = d["remaining"] as? [[String: Any]] ?? []
        let app = try #require(remaining.first { $0["id"] as? String == "prod/db/customers" })
        let edges = (app["path"] as? [[String: Any]])?.compactMap { $0["edge"] as? String } ?? []
        #expect(edges.contains("takeover"))
    }

    @Test("a multi-key compromise unions the starts, and rotating one key leaves the other's reach")
    func multiKey() {
        let r = blast(
            ["what-if", acme, "--from", "deploy-token", "--from", "summarizer-key", "--rotate", "deploy-token", "--format", "json"] + at)
        #expect(r.code == 0, "\(r.err)")
        let d = json(r.out)
        let remaining = (d["remaining"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        let cut = (d["cut"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(remaining.contains("tickets/support"))
        #expect(cut.contains("prod/app"))
    }

    @Test("a change that matches nothing is an error, not a silent no-op")
    func unmatchedChange() {
        let r = blast(["what-if", acme, "--from", "dave", "--revoke-grant", "dave:nothing"] + at)
        #expect(r.code == 64)
        #expect(r.err.contains("no grant of role 'nothing' to 'dave'"))
    }

    @Test("what-if reads a patch file of removals and additions")
    func patch() {
        let r = blast(["what-if", acme, "--from", "dave", "--patch", "\(samples)/acme-fix.yaml", "--format", "json"] + at)
        #expect(r.code == 0, "\(r.err)")
        #expect((json(r.out)["changes"] as? [String])?.contains("--purge deploy-token:wiki/runbooks/deploy") == true)
    }

    @Test("the what-if diagram strikes the removed edge through")
    func whatIfDiagram() {
        let r = blast(["what-if", acme, "--from", "dave", "--purge", "deploy-token:wiki/runbooks/deploy", "--format", "dot"] + at)
        #expect(r.code == 0)
        #expect(r.out.contains("arrowhead=tee"))
    }

    @Test("diff finds a gained path and gates on critical gains with exit 2")
    func diffGate() {
        let args = ["diff", acme, "--", acme, "\(samples)/acme-pr.yaml"] + at
        let r = blast(args + ["--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let changes = json(r.out)["changes"] as? [[String: Any]] ?? []
        let bob = changes.first { $0["id"] as? String == "bob" }
        #expect((bob?["new_escalation_paths"] as? Int ?? 0) > 0)
        #expect((bob?["gained"] as? [[String: Any]])?.contains { $0["id"] as? String == "prod/db/customers" } == true)
        #expect(blast(args + ["--fail-on-gain"]).code == 2)
        #expect(blast(["diff", acme, "--", acme, "--fail-on-gain"] + at).code == 0)
    }

    @Test("chokepoints: the minimum cut is verified and every format works", arguments: ["text", "json", "dot", "svg"])
    func chokepoints(format: String) {
        let r = blast(["chokepoints", acme, "--from-all-credentials", "--to-criticality", "critical", "--format", format] + at)
        #expect(r.code == 0, "\(r.err)")
        if format == "json" {
            let d = json(r.out)
            #expect(d["verified"] as? Bool == true)
            #expect((d["cut"] as? [Any])?.isEmpty == false)
        }
    }

    @Test("rank agrees with radius for the top entry, in every format", arguments: ["text", "json", "dot", "svg"])
    func rank(format: String) {
        let r = blast(["rank", acme, "--top", "3", "--by", "critical", "--format", format] + at)
        #expect(r.code == 0, "\(r.err)")
        guard format == "json" else { return }
        let entries = json(r.out)["entries"] as? [[String: Any]] ?? []
        #expect(entries.count == 3)
        let top = entries[0]["id"] as? String ?? ""
        let radius = json(blast(["radius", acme, "--from", top, "--format", "json"] + at).out)
        #expect((radius["resources"] as? [Any])?.count == entries[0]["resources"] as? Int)
    }

    @Test("what-if and diff answer in every format", arguments: ["text", "dot", "svg"])
    func formats(format: String) {
        #expect(blast(["what-if", acme, "--from", "dave", "--disable", "deploy-bot", "--format", format] + at).code == 0)
        #expect(blast(["diff", acme, "--", acme, "\(samples)/acme-pr.yaml", "--format", format] + at).code == 0)
    }
}
