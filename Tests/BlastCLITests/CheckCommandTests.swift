import BlastCLI
import BlastTestSupport
import Foundation
import Testing

@Suite("blast check", .serialized)
struct CheckCommandTests {
    func check(_ policy: String, format: String = "text") throws -> (code: Int32, out: String, err: String) {
        let dir = try scratchFolder()
        let path = dir.appendingPathComponent("policy.yaml").path
        try policy.write(toFile: path, atomically: true, encoding: .utf8)
        return runBlast(["check", Fixtures.acmePath, "--policy", path, "--at", "2026-11-23", "--format", format])
    }

    @Test("the sample policy is violated (exit 2) with the violating paths")
    func samplePolicy() throws {
        let r = runBlast(["check", Fixtures.acmePath, "--policy", sample("acme-policy.yaml"), "--at", "2026-11-23", "--format", "json"])
        #expect(r.code == 2, "\(r.err)")
        let assertions = try #require(jsonObject(r.out)["assertions"] as? [[String: Any]])
        #expect(assertions.map { $0["holds"] as? Bool } == [false, true, true, false])
        let violation = try #require((assertions[3]["violations"] as? [[String: Any]])?.first)
        #expect(violation["subject"] as? String == "deploy-token")
        #expect(((violation["evidence"] as? [[String: Any]])?.first?["path"] as? [Any])?.isEmpty == false)
    }

    @Test("no-reach: violated by a credential that writes prod/db, holds for a resource nobody writes")
    func noReach() throws {
        let violated = try check("assertions:\n  - kind: no-reach\n    from: credentials\n    to: prod/db\n    action: write\n")
        #expect(violated.code == 2)
        #expect(violated.out.contains("billing-svc-key may write on prod/db/billing"))
        #expect(violated.out.contains("-allow-> prod/db/billing"))
        let holds = try check("assertions:\n  - kind: no-reach\n    from: agents\n    to: prod/db\n")
        #expect(holds.code == 0, "\(holds.out)")
    }

    @Test("no-critical: agents hold, services (ci-runner via backup-svc) do not")
    func noCritical() throws {
        #expect(try check("assertions:\n  - kind: no-critical\n    from: agents\n").code == 0)
        let violated = try check("assertions:\n  - kind: no-critical\n    from: services\n")
        #expect(violated.code == 2)
        #expect(violated.out.contains("ci-runner reaches"))
    }

    @Test("at-most: counts identities per resource")
    func atMost() throws {
        #expect(try check("assertions:\n  - kind: at-most\n    max: 3\n    to: prod/backups\n    action: delete\n").code == 0)
        let violated = try check(
            "assertions:\n  - kind: at-most\n    max: 1\n    to: prod/db/customers\n    action: read\n", format: "json")
        #expect(violated.code == 2)
        let v = try #require(
            ((jsonObject(violated.out)["assertions"] as? [[String: Any]])?.first?["violations"] as? [[String: Any]])?.first)
        #expect(v["subject"] as? String == "prod/db/customers")
    }

    @Test("no-path: the wiki token reaches prod; nothing stored in chat/#general does")
    func noPath() throws {
        let violated = try check("assertions:\n  - kind: no-path\n    stored_in: \"wiki/*\"\n    to: \"prod/*\"\n")
        #expect(violated.code == 2)
        #expect(violated.out.contains("wiki/runbooks/deploy -pivot-> deploy-token"))
        #expect(try check("assertions:\n  - kind: no-path\n    stored_in: \"chat/#general\"\n    to: prod\n").code == 0)
    }

    @Test(
        "bad policies exit 65 and say where",
        arguments: [
            (
                "assertions:\n  - kind: no-reach\n    from: credentials\n    to: prod/dbb\n",
                "matches no resource of the model; did you mean 'prod/db'?"
            ),
            ("assertions:\n  - kind: no-rech\n", "unknown kind 'no-rech'; did you mean 'no-reach'?"),
            ("assertions:\n  - kind: at-most\n    to: prod\n", "missing required key 'max'"),
            ("assertions:\n  - kind: no-reach\n    from: nobody\n    to: prod\n", "from: 'nobody' is no identity or credential"),
            ("assertions:\n  - kind: no-critical\n    form: agents\n", "unknown key 'form'; did you mean 'from'?"),
            ("assertions: [", "not valid YAML"),
        ])
    func badPolicy(policy: String, message: String) throws {
        let r = try check(policy)
        #expect(r.code == 65)
        #expect(r.err.contains(message), "\(r.err)")
        #expect(r.err.contains("policy.yaml"))
    }

    @Test("a missing policy file cannot be read: exit 66")
    func missingFile() {
        #expect(runBlast(["check", Fixtures.acmePath, "--policy", "/nonexistent/policy.yaml"]).code == 66)
    }
}
