import BlastCLI
import Foundation
import Testing

/// `blast generate --shape aws`: the flags, the three files, and the generated escalation as the
/// CLI answers it. No timing here; the figures come from `make bench-aws`.
@Suite("generate --shape aws", .serialized)
struct AWSGeneratorCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("blast-aws-generate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static let small = ["--users", "60", "--roles", "30", "--policies", "20", "--groups", "8", "--seed", "3"]
    static let names = ["authorization-details.json", "credential-report.csv", "inventory.yaml"]

    func generate(into name: String) throws -> [String] {
        let out = directory.appendingPathComponent(name).path
        let r = BlastCommand.execute(["generate", "--shape", "aws"] + Self.small + ["-o", out])
        try #require(r.exitCode == 0, "generate: \(r.stderr)")
        return Self.names.map { out + "/" + $0 }
    }

    @Test("writes the three files, byte-identical for the same seed")
    func writesDeterministicFiles() throws {
        let a = try generate(into: "a")
        let b = try generate(into: "b")
        for (x, y) in zip(a, b) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: x)) == Data(contentsOf: URL(fileURLWithPath: y)), "\(x)")
        }
    }

    @Test("--shape aws needs a directory and a known size")
    func validatesFlags() {
        #expect(BlastCommand.execute(["generate", "--shape", "aws"]).exitCode != 0)
        #expect(BlastCommand.execute(["generate", "--shape", "aws", "--size", "XL", "-o", directory.path]).exitCode != 0)
    }

    @Test("the generated lambda-001 holder can read the critical bucket (blast can)")
    func escalatingUserReachesTheCriticalBucket() throws {
        let files = try generate(into: "c")
        let details = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: files[0]))) as? [String: Any]
        let users = try #require(details?["UserDetailList"] as? [[String: Any]])
        let lambdaAdmin = "arn:aws:iam::123456789012:role/lambda-admin"
        let holder = try #require(
            users.first { u in
                ((u["UserPolicyList"] as? [[String: Any]]) ?? []).contains { p in
                    (((p["PolicyDocument"] as? [String: Any])?["Statement"] as? [[String: Any]]) ?? []).contains {
                        $0["Resource"] as? String == lambdaAdmin
                    }
                }
            }?["Arn"] as? String)
        let r = BlastCommand.execute(
            ["can"] + files + [
                "--from", holder, "--action", "s3:getobject", "--on", "arn:aws:s3:::acme-prod-customer-data",
                "--at", "2026-11-23",
            ])
        #expect(r.exitCode == 0, "can: \(r.stderr)")
    }
}
