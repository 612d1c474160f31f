import BlastCLI
import BlastTestSupport
import Foundation
import Testing

/// Runs `blast` in-process on the bundled sample.
func blast(_ args: [String]) -> (code: Int32, out: String, err: String) {
    let r = BlastCommand.execute(args)
    return (r.exitCode, String(decoding: r.stdout, as: UTF8.self), r.stderr)
}

let acme = Fixtures.acmePath
let at = ["--at", "2026-11-23"]

func json(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

@Suite("Commands on the sample", .serialized)
struct CommandTests {
    @Test(
        "every query command answers in every format",
        arguments: [
            ["radius", acme, "--from", "deploy-token"],
            ["who-can", acme, "--reach", "prod/db/customers"],
            ["can", acme, "--from", "dave", "--action", "deploy", "--on", "prod/app/web"],
            ["path", acme, "--from", "dave", "--to", "prod/app/web"],
        ], ["text", "json", "dot", "svg"])
    func allFormats(command: [String], format: String) {
        let r = blast(command + at + ["--format", format])
        #expect(r.code == 0, "\(command) \(format): \(r.err)")
        switch format {
        case "json": #expect(!json(r.out).isEmpty)
        case "dot": #expect(r.out.hasPrefix("digraph"))
        case "svg": #expect(r.out.contains("<svg") && r.out.contains("</svg>"))
        default: #expect(!r.out.isEmpty)
        }
    }

    @Test("radius JSON has the documented keys")
    func radiusKeys() throws {
        let d = json(blast(["radius", acme, "--from", "dave", "--format", "json", "--detail"] + at).out)
        for key in ["source", "at", "identities", "resources", "eligible", "unmatched"] { #expect(d[key] != nil, "\(key)") }
        let resource = try #require((d["resources"] as? [[String: Any]])?.first)
        for key in ["id", "actions", "criticality", "hops", "path", "access"] { #expect(resource[key] != nil, "\(key)") }
        let access = try #require((resource["access"] as? [[String: Any]])?.first)
        for key in ["identity", "actions", "denied"] { #expect(access[key] != nil, "\(key)") }
        let step = try #require((resource["path"] as? [[String: Any]])?.first)
        for key in ["from", "to", "edge"] { #expect(step[key] != nil, "\(key)") }
        let identity = try #require((d["identities"] as? [[String: Any]])?.first)
        for key in ["id", "hops", "path"] { #expect(identity[key] != nil, "\(key)") }
    }

    @Test("who-can JSON has the documented keys")
    func whoCanKeys() {
        let d = json(blast(["who-can", acme, "--reach", "prod/db/customers", "--action", "read", "--format", "json"] + at).out)
        for key in ["resource", "action", "identities", "credentials"] { #expect(d[key] != nil, "\(key)") }
        #expect(d["action"] as? String == "read")
    }

    @Test("can exits 0 for yes and 1 for no, with a path")
    func canExitCodes() {
        let yes = blast(["can", acme, "--from", "summarizer-key", "--action", "read", "--on", "tickets/support", "--format", "json"] + at)
        #expect(yes.code == 0)
        #expect(json(yes.out)["allowed"] as? Bool == true)
        #expect((json(yes.out)["path"] as? [Any])?.isEmpty == false)
        let no = blast(["can", acme, "--from", "summarizer-key", "--action", "close", "--on", "tickets/support", "--format", "json"] + at)
        #expect(no.code == 1)
        #expect(json(no.out)["allowed"] as? Bool == false)
    }

    @Test("path says so clearly when there is no path, and exits 1")
    func noPath() {
        let r = blast(["path", acme, "--from", "summarizer-key", "--to", "prod/db/customers"] + at)
        #expect(r.code == 1)
        #expect(r.out.hasPrefix("no path from summarizer-key to prod/db/customers"))
    }

    @Test("the same input gives byte-identical output", arguments: ["text", "json", "dot"])
    func deterministic(format: String) {
        let args = ["radius", acme, "--from", "alice", "--mfa", "--format", format] + at
        #expect(blast(args).out == blast(args).out)
    }

    @Test("radius of the deploy token matches the golden text and JSON, with and without --detail",
          arguments: ["text", "json"], [false, true])
    func golden(format: String, detail: Bool) {
        let r = blast(["radius", "samples/acme.yaml", "--from", "deploy-token", "--format", format] + at + (detail ? ["--detail"] : []))
        let name = "radius-deploy-token\(detail ? "-detail" : "").\(format == "text" ? "txt" : format)"
        if let problem = Golden.mismatch(Array(r.out.utf8), name: name) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test("without --detail a radius lists no per-identity access: its size follows resources, not identities × resources")
    func noAccessByDefault() throws {
        let text = blast(["radius", acme, "--from", "dave"] + at).out
        #expect(!text.contains("      as "))
        let d = json(blast(["radius", acme, "--from", "dave", "--format", "json"] + at).out)
        let resources = try #require(d["resources"] as? [[String: Any]])
        #expect(!resources.isEmpty)
        #expect(resources.allSatisfy { $0["access"] == nil && $0["actions"] != nil && $0["path"] != nil })
        let whatIf = json(blast(["what-if", acme, "--from", "dave", "--disable", "dave", "--format", "json"] + at).out)
        let before = try #require(whatIf["before"] as? [String: Any])
        #expect((before["resources"] as? [[String: Any]])?.allSatisfy { $0["access"] == nil } == true)
    }

    @Test("render draws the whole model and a radius, as DOT or SVG from the extension")
    func render() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blast-render-\(getpid())")
        let svg = dir.appendingPathComponent("acme.svg").path
        let r = blast(["render", acme, "-o", svg] + at)
        #expect(r.code == 0, "\(r.err)")
        let text = String(decoding: FileManager.default.contents(atPath: svg) ?? Data(), as: UTF8.self)
        #expect(text.contains("</svg>"))
        for id in ["deploy-token", "deploy-bot", "prod/db/customers", "ticket-summarizer"] {
            #expect(text.contains("<title>\(id.replacingOccurrences(of: "-", with: "&#45;"))</title>"), "\(id)")
        }
        let dot = blast(["render", acme, "--from", "dave", "--format", "dot"] + at)
        #expect(dot.out.contains("cluster_prod") && dot.out.contains("cluster_legend"))
        try? FileManager.default.removeItem(at: dir)
    }

    @Test("a large radius is folded into subtree aggregates past --max-resources")
    func aggregation() {
        let r = blast(["render", acme, "--from", "alice", "--mfa", "--format", "dot", "--max-resources", "5"] + at)
        #expect(r.code == 0)
        #expect(r.out.contains("under "))
    }
}

@Suite("Bad input")
struct BadInputTests {
    @Test("an unknown --from gets a did-you-mean suggestion and exit 64 (a command-line error, never the 'no' of exit 1)")
    func unknownStart() {
        let r = blast(["radius", acme, "--from", "deploy-tokn"] + at)
        #expect(r.code == 64)
        #expect(r.err.contains("'deploy-tokn'") && r.err.contains("did you mean 'deploy-token'"))
    }

    @Test("a model error names the file, the line and the bad value")
    func modelError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blast-bad-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("bad.yaml").path
        try "version: 1\nidentities:\n  - id: bob\ngrants:\n  - to: bob\n    role: admin\n    expires: 2026-13-01\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let r = blast(["radius", file, "--from", "bob"])
        #expect(r.code == 65)
        #expect(r.err.contains("bad.yaml:7: error: grants[0].expires") && r.err.contains("'2026-13-01'"))
        try? FileManager.default.removeItem(at: dir)
    }

    @Test("a resource option naming something else says what it is")
    func wrongKind() {
        let r = blast(["who-can", acme, "--reach", "alice"] + at)
        #expect(r.code == 64)
        #expect(r.err.contains("'alice' is a identity") || r.err.contains("'alice' is an identity") || r.err.contains("not a resource"))
    }

    @Test("a bad --at is a usage error naming the value")
    func badAt() {
        let r = blast(["radius", acme, "--from", "dave", "--at", "tomorrow"])
        #expect(r.code != 0)
        #expect(r.err.contains("'tomorrow'"))
    }
}

@Suite("AWS access key hints")
struct AccessKeyOptionTests {
    @Test("--key ID=USER names an access key the credential report lists without its id")
    func keyOption() {
        let aws = "\(samples)/aws"
        let r = blast(
            [
                "radius", "\(aws)/prod-authorization-details.json", "\(aws)/prod-credential-report.csv",
                "--key", "AKIATESTKEY000000001=dana", "--from", "AKIATESTKEY000000001", "--format", "json",
            ] + at)
        #expect(r.code == 0, "\(r.err)")
        let identities = (json(r.out)["identities"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(identities.contains("arn:aws:iam::111111111111:user/dana"))
    }

    @Test("a malformed --key is a usage error naming it")
    func badKey() {
        let r = blast(["radius", acme, "--key", "AKIA", "--from", "dave"] + at)
        #expect(r.code != 0)
        #expect(r.err.contains("'AKIA'"))
    }
}
