import BlastCore
@testable import BlastImport
import Foundation
import Testing

/// `AWSAccountGenerator`: deterministic, the asked-for shape, and importable with its escalations.
@Suite struct AWSGeneratorTests {
    static let small = AWSAccountGenerator.Size(users: 120, roles: 60, customerPolicies: 40, groups: 12)

    static func files(_ f: AWSAccountGenerator.Files) -> [SourceFile] {
        f.named.map { SourceFile(path: $0.name, text: $0.text) }
    }

    static func authorizationDetails(_ f: AWSAccountGenerator.Files) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(f.authorizationDetails.utf8)) as? [String: Any])
    }

    @Test("the same size and seed give byte-identical files; another seed does not")
    func deterministic() {
        let a = AWSAccountGenerator.generate(size: Self.small, seed: 7)
        let b = AWSAccountGenerator.generate(size: Self.small, seed: 7)
        let c = AWSAccountGenerator.generate(size: Self.small, seed: 8)
        #expect(a.authorizationDetails == b.authorizationDetails)
        #expect(a.credentialReport == b.credentialReport)
        #expect(a.inventory == b.inventory)
        #expect(a.authorizationDetails != c.authorizationDetails)
    }

    @Test("the export has the asked-for numbers of users, roles, customer policies and groups")
    func shapeCounts() throws {
        let f = AWSAccountGenerator.generate(size: Self.small, seed: 3)
        let root = try Self.authorizationDetails(f)
        let users = try #require(root["UserDetailList"] as? [[String: Any]])
        let roles = try #require(root["RoleDetailList"] as? [[String: Any]])
        let groups = try #require(root["GroupDetailList"] as? [[String: Any]])
        let policies = try #require(root["Policies"] as? [[String: Any]])
        #expect(users.count == 120)
        #expect(roles.count == 60)
        #expect(groups.count == 12)
        let customer = policies.filter { ($0["Arn"] as? String)?.hasPrefix("arn:aws:iam::\(AWSAccountGenerator.account):policy/") == true }
        #expect(customer.count == 40)
        let readOnly = try #require(policies.first { $0["PolicyName"] as? String == "ReadOnlyAccess" })
        let versions = try #require(readOnly["PolicyVersionList"] as? [[String: Any]])
        let statements = try #require((versions[0]["Document"] as? [String: Any])?["Statement"] as? [[String: Any]])
        #expect((statements[0]["Action"] as? [String])?.count == 330)
        for u in users {
            let n = (u["GroupList"] as? [String])?.count ?? 0
            #expect((1...3).contains(n), "\(u["UserName"] ?? "") is in \(n) groups")
        }
        // One credential report row per user, plus the root account.
        #expect(f.credentialReport.split(separator: "\n").count == 1 + 1 + 120)
    }

    @Test("the generated files import cleanly and the forced escalating user becomes an administrator")
    func importsAndEscalates() throws {
        let f = AWSAccountGenerator.generate(size: Self.small, seed: 5)
        let (model, _) = try AWSTest.load(Self.files(f))
        #expect(model.identities.count >= 180)
        let root = try Self.authorizationDetails(f)
        let users = try #require(root["UserDetailList"] as? [[String: Any]])
        let lambdaAdmin = "arn:aws:iam::\(AWSAccountGenerator.account):role/lambda-admin"
        let escalating = try #require(
            users.first { u in
                ((u["UserPolicyList"] as? [[String: Any]]) ?? []).contains { p in
                    let doc = p["PolicyDocument"] as? [String: Any]
                    return ((doc?["Statement"] as? [[String: Any]]) ?? []).contains { $0["Resource"] as? String == lambdaAdmin }
                }
            })
        let arn = try #require(escalating["Arn"] as? String)
        let g = try AWSTest.graph(model)
        let bucket = "arn:aws:s3:::acme-prod-customer-data"
        #expect(try AWSTest.path(g, from: arn, to: lambdaAdmin) != nil)
        #expect(try AWSTest.can(g, from: arn, "s3:getobject", on: bucket))
        #expect(try AWSTest.can(g, from: arn, "iam:createuser", on: arn + "/"))
    }
}
