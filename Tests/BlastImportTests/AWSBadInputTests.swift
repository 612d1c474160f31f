import BlastCore
@testable import BlastImport
import Testing

/// Bad AWS input says where (file, JSON path) and what; unsupported constructs become notes.
@Suite("AWS bad input")
struct AWSBadInputTests {
    typealias F = AWSAccountFixture

    func error(_ files: [SourceFile]) -> ImportError? { AWSTest.importError(files) }

    @Test("a truncated export is a syntax error naming the file")
    func truncated() throws {
        var a = F()
        a.user("dev", statements: [F.allow(["s3:*"], ["*"])])
        let text = String(a.json.prefix(a.json.count / 2))
        let e = try #require(error([SourceFile(path: "authz.json", text: text)]))
        #expect(e.code == .syntax && e.file == "authz.json")
    }

    @Test("foreign JSON is not taken for an AWS export")
    func foreign() {
        #expect(!AWSFormat.recognises(path: "x.json", text: #"{"kind": "Pod", "apiVersion": "v1"}"#))
        #expect(!AWSFormat.recognises(path: "m.yaml", text: "version: 1\nidentities: []\n"))
        #expect(AWSFormat.recognises(path: "r.csv", text: AWSReportRow.header + "\n"))
    }

    @Test("an unknown Effect names the statement's JSON path")
    func unknownEffect() throws {
        var a = F()
        a.user("dev", statements: [["Effect": "Permit", "Action": "s3:*", "Resource": "*"]])
        let e = try #require(error([a.file]))
        #expect(e.code == .badValue)
        #expect(e.keyPath == "UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0].Effect")
        #expect(e.message.contains("Permit"))
    }

    @Test("a policy document that does not parse says where")
    func unparsablePolicy() throws {
        var a = F()
        a.users.append([
            "UserName": "dev", "Arn": a.arn("user", "dev"),
            "UserPolicyList": [["PolicyName": "p", "PolicyDocument": "%7B%22Statement%22%3A"]],
        ])
        let e = try #require(error([a.file]))
        #expect(e.keyPath?.hasPrefix("UserDetailList[0].UserPolicyList[0].PolicyDocument") == true)
    }

    @Test("a statement with both Action and NotAction is rejected")
    func bothActionAndNotAction() throws {
        var a = F()
        a.user("dev", statements: [["Effect": "Allow", "Action": "s3:*", "NotAction": "iam:*", "Resource": "*"]])
        let e = try #require(error([a.file]))
        #expect(e.message.contains("both Action and NotAction"))
    }

    @Test("a wrongly shaped field names its JSON path")
    func wrongShape() throws {
        let text = #"{"UserDetailList": [{"UserName": "dev", "Arn": 42}]}"#
        let e = try #require(error([SourceFile(path: "authz.json", text: text)]))
        #expect(e.keyPath == "UserDetailList[0].Arn")
    }

    @Test("unsupported constructs are listed as notes, never dropped silently")
    func notes() throws {
        var a = F()
        a.role("r", trust: [["Effect": "Allow", "NotPrincipal": ["AWS": "arn:aws:iam::111111111111:user/x"], "Action": "sts:AssumeRole"]])
        a.user(
            "dev",
            statements: [["Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": ["Bool": ["aws:SecureTransport": "false"]]]],
            managed: ["MissingPolicy"])
        let notes = try AWSTest.load([a.file]).notes
        #expect(
            notes.contains {
                $0.message.contains("NotPrincipal") && $0.keyPath == "RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]"
            })
        #expect(notes.contains { $0.message.contains("conditional Deny") })
        #expect(notes.contains { $0.message.contains("MissingPolicy") })
    }

    @Test("a credential report row cut short gives its line")
    func truncatedReport() throws {
        let report = SourceFile(path: "r.csv", text: AWSReportRow.header + "\ndev,arn:aws:iam::111111111111:user/dev,2025\n")
        let e = try #require(error([report]))
        #expect(e.file == "r.csv" && e.line == 2)
    }
}
