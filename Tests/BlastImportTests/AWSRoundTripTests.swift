import BlastCore
@testable import BlastImport
import Foundation
import Testing

/// The AWS samples answer the same directly and through `blast import aws` (the native model).
@Suite("AWS samples and round trip")
struct AWSRoundTripTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples/aws")
    static let files = [
        "prod-authorization-details.json", "tooling-authorization-details.json", "prod-credential-report.csv",
        "tooling-credential-report.csv", "inventory.yaml",
    ].map { samples.appendingPathComponent($0).path }

    static let starts = [
        "AKIAEXAMPLECIDEPLOY1", "AKIAEXAMPLEDANA00001", "arn:aws:iam::111111111111:user/ops-alice#access-key-1",
        "arn:aws:iam::111111111111:user/ops-alice#console-password", "lambda.amazonaws.com",
    ]

    /// A radius as comparable text: identities, credentials, resources with access, unmatched, each with its path (origins aside).
    static func summary(_ g: AccessGraph, from start: String) throws -> [String] {
        let r = g.radius(from: try g.start(from: start, mfa: false), options: QueryOptions(at: AWSTest.at), detail: true)
        func path(_ p: Proof) -> String {
            r.path(p).map {
                "\($0.from)-\($0.edge.rawValue)\($0.terms.map { "\($0.mfa)\($0.condition ?? "")" } ?? "")\($0.technique ?? "")->\($0.to)"
            }
            .joined(separator: " ")
        }
        var out: [String] = []
        for i in r.identities { out.append("identity \(g.identities[i.identity.index].id) \(i.hops) \(i.mfa) \(path(i.proof))") }
        for c in r.credentials { out.append("credential \(g.credentials[c.credential.index].id) \(c.hops) \(path(c.proof))") }
        for x in r.resources {
            let access = x.access.map { "\(g.identities[$0.identity.index].id):\($0.actions)/\($0.denied)" }
            out.append("resource \(g.resources[x.resource.index].id) \(x.hops) \(access) \(path(x.proof))")
        }
        for u in r.unmatched { out.append("unmatched \(g.identities[u.identity.index].id) \(u.actions) \(u.resources) \(path(u.proof))") }
        return out
    }

    @Test("the imported native model gives identical answers", arguments: starts)
    func identical(_ start: String) throws {
        let direct = try ModelSources.load(paths: Self.files).model
        let written = ModelWriter.yaml(direct)
        // Read back the way `blast radius model.yaml` does.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("blast-aws-\(start.hashValue).yaml").path
        try written.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reread = try ModelSources.load(paths: [path]).model
        #expect(ModelWriter.yaml(reread) == written)
        #expect(
            try Self.summary(try AccessGraph.compile(direct), from: start) == Self.summary(try AccessGraph.compile(reread), from: start))
    }

    @Test("the leaked CI key reaches the admin execution role: cross-account deploy role, then CloudFormation PassRole")
    func leakedCIKey() throws {
        let g = try AccessGraph.compile(try ModelSources.load(paths: Self.files).model)
        let path = try #require(try AWSTest.path(g, from: "AKIAEXAMPLECIDEPLOY1", to: "arn:aws:iam::111111111111:role/cfn-exec"))
        #expect(path.compactMap { $0.technique?.split(separator: ":").first.map(String.init) } == ["sts-001", "cloudformation-001"])
        #expect(path.contains { $0.terms?.condition == "StringEquals sts:ExternalId=acme-ci-7f3a" })
    }

    @Test("the developer can pass the admin role to Lambda; the break-glass role needs MFA")
    func developerAndBreakGlass() throws {
        let g = try AccessGraph.compile(try ModelSources.load(paths: Self.files).model)
        let dana = try #require(try AWSTest.path(g, from: "AKIAEXAMPLEDANA00001", to: "arn:aws:iam::111111111111:role/lambda-admin"))
        #expect(dana.last?.technique?.hasPrefix("lambda-001") == true)
        let report = try #require(try AWSTest.path(g, from: "AKIAEXAMPLEDANA00001", to: "arn:aws:iam::111111111111:role/report-runner"))
        #expect(report.last?.technique?.hasPrefix("lambda-003") == true)
        #expect(
            try AWSTest.path(
                g, from: "arn:aws:iam::111111111111:user/ops-alice#access-key-1", to: "arn:aws:iam::111111111111:role/break-glass") == nil)
        #expect(
            try AWSTest.path(
                g, from: "arn:aws:iam::111111111111:user/ops-alice#console-password", to: "arn:aws:iam::111111111111:role/break-glass")
                != nil)
    }

    @Test("except_actions, except_resources, condition and escalation from/terms survive the native writer")
    func newKeysRoundTrip() throws {
        let model = Model(
            identities: [Identity(id: "a"), Identity(id: "b")],
            roles: [Role(id: "r", allow: [Statement(actions: ["*"], resources: ["*"], exceptActions: ["iam:*"], exceptResources: ["x"])])],
            grants: [Grant(to: "a", role: "r", terms: Terms(condition: "IpAddress aws:SourceIp=10.0.0.0/8"))],
            assumes: [Assume(from: "a", to: "b", terms: Terms(mfa: true, condition: "StringEquals sts:ExternalId=1"))],
            resources: [Resource(id: "x")],
            escalations: [
                Escalation(technique: "t", requires: [.init(action: "go", resource: "x")], to: "b", from: "a", terms: Terms(mfa: true))
            ],
            takeoverActions: [], revealActions: [])
        let back = try NativeFormat.decode(text: ModelWriter.yaml(model), file: "m.yaml")
        #expect(back.roles[0].allow[0].exceptActions == ["iam:*"] && back.roles[0].allow[0].exceptResources == ["x"])
        #expect(back.grants[0].terms == model.grants[0].terms)
        #expect(back.assumes[0].terms == model.assumes[0].terms)
        #expect(back.escalations[0].from == "a" && back.escalations[0].terms.mfa)
        #expect(back.takeoverActions.isEmpty && back.revealActions.isEmpty)
    }
}
