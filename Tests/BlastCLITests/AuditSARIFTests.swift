import BlastCLI
import BlastTestSupport
import Foundation
import Testing

@Suite("blast audit --format sarif", .serialized)
struct AuditSARIFTests {
    @Test("the log has the SARIF 2.1.0 shape a code-scanning service accepts")
    func shape() throws {
        let r = runBlast(auditSample + ["--format", "sarif"])
        #expect(r.code == 0)
        let log = jsonObject(r.out)
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "blast")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        #expect(ruleIDs.count == AuditCommandTests.rules.count)
        for rule in rules {
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
            #expect(
                ((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String).map { ["error", "warning", "note"].contains($0) }
                    == true)
        }
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(ruleIDs.contains(ruleID))
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ruleIDs[index] == ruleID)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            let locations = try #require(result["locations"] as? [[String: Any]])
            let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            #expect(uri.hasSuffix(".yaml"))
            let line = try #require((physical["region"] as? [String: Any])?["startLine"] as? Int)
            #expect(line >= 1)
        }
    }

    @Test("the standing-admin result points at the grant's line and carries its path as a code flow")
    func standingAdminLocation() throws {
        let log = jsonObject(runBlast(auditSample + ["--format", "sarif"]).out)
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let result = try #require(results.first { $0["ruleId"] as? String == "lp.standing-admin" })
        let text = try String(contentsOfFile: Fixtures.acmePath, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let physical = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
        let line = try #require((physical["region"] as? [String: Any])?["startLine"] as? Int)
        #expect(lines[line - 1].contains("- to: sre"))
        #expect(lines[line].contains("role: prod-admin"))
        let flows = try #require(result["codeFlows"] as? [[String: Any]])
        #expect(!flows.isEmpty)
        #expect(result["level"] as? String == "error")
        #expect((result["partialFingerprints"] as? [String: String])?["blastFingerprint/v1"] == "lp.standing-admin:grant:sre:prod-admin")
    }
}
