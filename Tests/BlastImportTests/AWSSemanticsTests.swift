import BlastCore
@testable import BlastImport
import Testing

/// One test per policy-semantics rule of the AWS importer (docs/aws.md).
@Suite("AWS policy semantics")
struct AWSSemanticsTests {
    typealias F = AWSAccountFixture
    let bucket = "arn:aws:s3:::data"

    func account(_ build: (inout AWSAccountFixture) -> Void) -> AWSAccountFixture {
        var a = AWSAccountFixture()
        a.administratorAccess()
        build(&a)
        return a
    }

    func graph(_ files: [SourceFile], inventory: [String] = []) throws -> AccessGraph {
        var all = files
        if !inventory.isEmpty {
            all.append(
                SourceFile(
                    path: "inv.yaml",
                    text: "aws_inventory: 1\nresources:\n"
                        + inventory.map { "  - arn: \($0)\n    account: \"111111111111\"" }.joined(separator: "\n") + "\n"))
        }
        return try AWSTest.graph(try AWSTest.load(all).model)
    }

    var dev: String { AWSAccountFixture().arn("user", "dev") }

    @Test("explicit Deny beats Allow")
    func denyWins() throws {
        let a = account { $0.user("dev", statements: [F.allow(["s3:*"], ["*"]), F.deny(["s3:GetObject"], [bucket])]) }
        let g = try graph([a.file], inventory: [bucket])
        #expect(try !AWSTest.can(g, from: dev, "s3:getobject", on: bucket))
        #expect(try AWSTest.can(g, from: dev, "s3:putobject", on: bucket))
    }

    @Test("NotAction allows everything but the listed actions")
    func notAction() throws {
        let a = account { $0.user("dev", statements: [["Effect": "Allow", "NotAction": "iam:*", "Resource": "*"]]) }
        let g = try graph([a.file], inventory: [bucket])
        #expect(try AWSTest.can(g, from: dev, "s3:getobject", on: bucket))
        #expect(try !AWSTest.can(g, from: dev, "iam:createuser", on: g.resources.first { $0.id.hasSuffix("user/dev/") }!.id))
    }

    @Test("NotResource allows everywhere but the listed resources")
    func notResource() throws {
        let other = "arn:aws:s3:::other"
        let a = account { $0.user("dev", statements: [["Effect": "Allow", "Action": "s3:*", "NotResource": [bucket, "\(bucket)/*"]]]) }
        let g = try graph([a.file], inventory: [bucket, other])
        #expect(try !AWSTest.can(g, from: dev, "s3:getobject", on: bucket))
        #expect(try AWSTest.can(g, from: dev, "s3:getobject", on: other))
    }

    @Test("action names are case-insensitive and keep * and ? wildcards")
    func actionCase() throws {
        let a = account { $0.user("dev", statements: [F.allow(["S3:Get*", "s3:PutObjec?"], [bucket])]) }
        let g = try graph([a.file], inventory: [bucket])
        #expect(try AWSTest.can(g, from: dev, "s3:getobject", on: bucket))
        #expect(try AWSTest.can(g, from: dev, "s3:putobject", on: bucket))
        #expect(try !AWSTest.can(g, from: dev, "s3:deleteobject", on: bucket))
    }

    @Test("ARN patterns match with wildcards")
    func arnWildcards() throws {
        let a = account { $0.user("dev", statements: [F.allow(["s3:GetObject"], ["arn:aws:s3:::dat?"])]) }
        let g = try graph([a.file], inventory: [bucket, "arn:aws:s3:::database"])
        #expect(try AWSTest.can(g, from: dev, "s3:getobject", on: bucket))
        #expect(try !AWSTest.can(g, from: dev, "s3:getobject", on: "arn:aws:s3:::database"))
    }

    @Test("only the default version of a managed policy counts")
    func defaultVersion() throws {
        let a = account {
            $0.policy("p", versions: [("v1", [F.allow(["s3:*"], ["*"])]), ("v2", [F.allow(["ec2:*"], ["*"])])], defaultVersion: "v2")
            $0.user("dev", managed: ["p"])
        }
        let g = try graph([a.file], inventory: [bucket])
        #expect(try !AWSTest.can(g, from: dev, "s3:getobject", on: bucket))
    }

    @Test("group policies apply to members")
    func groupPolicies() throws {
        let a = account {
            $0.group("readers", statements: [F.allow(["s3:GetObject"], [bucket])])
            $0.user("dev", groups: ["readers"])
            $0.user("outsider")
        }
        let g = try graph([a.file], inventory: [bucket])
        #expect(try AWSTest.can(g, from: dev, "s3:getobject", on: bucket))
        #expect(try !AWSTest.can(g, from: a.arn("user", "outsider"), "s3:getobject", on: bucket))
    }

    @Test("a permissions boundary intersects the identity policies")
    func boundary() throws {
        let a = account {
            $0.policy("b", versions: [("v1", [F.allow(["s3:*", "logs:*"], ["*"])])], defaultVersion: "v1")
            $0.user("dev", statements: [F.allow(["s3:*", "ec2:*"], ["*"])], boundary: "b")
        }
        let g = try graph([a.file], inventory: [bucket, "arn:aws:ec2:us-east-1:111111111111:instance/i-1"])
        #expect(try AWSTest.can(g, from: dev, "s3:getobject", on: bucket))
        #expect(try !AWSTest.can(g, from: dev, "ec2:terminateinstances", on: "arn:aws:ec2:us-east-1:111111111111:instance/i-1"))
        #expect(try !AWSTest.can(g, from: dev, "logs:getlogevents", on: bucket), "the boundary alone grants nothing")
    }

    @Test("a trust policy naming a principal of the same account lets it assume the role")
    func trustPrincipal() throws {
        let a = account {
            $0.user("dev")
            $0.role("ops", trust: [F.trust(["AWS": "arn:aws:iam::111111111111:user/dev"])])
        }
        let g = try graph([a.file])
        let path = try #require(try AWSTest.path(g, from: dev, to: a.arn("role", "ops")))
        #expect(path.map(\.edge) == [.assume])
    }

    @Test("an account-root trust lets in only principals whose own policy allows sts:AssumeRole on the role")
    func trustAccountRoot() throws {
        let a = account {
            $0.user("dev", statements: [F.allow(["sts:AssumeRole"], ["arn:aws:iam::111111111111:role/ops"])])
            $0.user("other")
            $0.role("ops", trust: [F.trust(["AWS": "arn:aws:iam::111111111111:root"])])
        }
        let g = try graph([a.file])
        let path = try #require(try AWSTest.path(g, from: dev, to: a.arn("role", "ops")))
        #expect(path.last?.technique?.hasPrefix("sts-001") == true)
        #expect(try AWSTest.path(g, from: a.arn("user", "other"), to: a.arn("role", "ops")) == nil)
    }

    @Test("Principal * trusts any AWS principal: an external entry point, plus every loaded principal allowed by its policy")
    func trustEveryone() throws {
        let a = account {
            $0.user("dev", statements: [F.allow(["sts:AssumeRole"], ["*"])])
            $0.role("open", trust: [F.trust("*")])
        }
        let g = try graph([a.file])
        #expect(try AWSTest.path(g, from: "arn:aws:iam::*:root", to: a.arn("role", "open")) != nil)
        #expect(try AWSTest.path(g, from: dev, to: a.arn("role", "open")) != nil)
    }

    @Test("service and federated principals are external entry identities")
    func externalPrincipals() throws {
        let a = account {
            $0.role("fn", trust: [F.trust(["Service": "lambda.amazonaws.com"])])
            $0.role(
                "sso", trust: [F.trust(["Federated": "arn:aws:iam::111111111111:saml-provider/okta"], action: "sts:AssumeRoleWithSAML")])
        }
        let model = try AWSTest.load([a.file]).model
        #expect(model.identities.first { $0.id == "lambda.amazonaws.com" }?.kind == .service)
        #expect(model.identities.first { $0.id == "arn:aws:iam::111111111111:saml-provider/okta" }?.kind == .human)
        let g = try AWSTest.graph(model)
        #expect(try AWSTest.path(g, from: "lambda.amazonaws.com", to: a.arn("role", "fn")) != nil)
        #expect(try AWSTest.path(g, from: "arn:aws:iam::111111111111:saml-provider/okta", to: a.arn("role", "sso")) != nil)
    }

    @Test("aws:MultiFactorAuthPresent gates the role: a stolen key cannot assume it, an MFA console login can")
    func mfaGate() throws {
        let a = account {
            $0.user("ops", statements: [F.allow(["sts:AssumeRole"], ["*"])])
            $0.role(
                "break-glass",
                trust: [F.trust(["AWS": "arn:aws:iam::111111111111:root"], condition: ["Bool": ["aws:MultiFactorAuthPresent": "true"]])],
                managed: ["AdministratorAccess"])
        }
        let report = AWSReportRow.report([
            AWSReportRow(
                user: "ops", arn: a.arn("user", "ops"), password: true, mfa: true,
                keys: [(true, "2025-01-01T00:00:00+00:00")])
        ])
        let g = try graph([a.file, report])
        let role = a.arn("role", "break-glass")
        #expect(try AWSTest.path(g, from: a.arn("user", "ops") + "#access-key-1", to: role) == nil)
        let path = try #require(try AWSTest.path(g, from: a.arn("user", "ops") + "#console-password", to: role))
        #expect(path.last?.terms?.mfa == true)
    }

    @Test("other conditions keep the edge and mark it conditional in the path")
    func otherConditions() throws {
        let a = account {
            $0.user("dev")
            $0.role(
                "ops",
                trust: [F.trust(["AWS": "arn:aws:iam::111111111111:user/dev"], condition: ["IpAddress": ["aws:SourceIp": "10.0.0.0/8"]])])
            $0.user("net", statements: [F.allow(["s3:GetObject"], [bucket], condition: ["StringEquals": ["aws:SourceVpce": "vpce-1"]])])
        }
        let g = try graph([a.file], inventory: [bucket])
        let path = try #require(try AWSTest.path(g, from: dev, to: a.arn("role", "ops")))
        #expect(path.last?.terms?.condition == "IpAddress aws:SourceIp=10.0.0.0/8")
        let s = try g.start(from: a.arn("user", "net"), mfa: false)
        guard case .resource(let r)? = g.element(named: bucket) else { Issue.record("no bucket"); return }
        let reach = try #require(g.can(from: s, action: "s3:getobject", on: r, options: QueryOptions(at: AWSTest.at)).reach)
        #expect(reach.path.contains { $0.terms?.condition == "StringEquals aws:SourceVpce=vpce-1" })
    }

    @Test("several accounts' exports together: cross-account trust needs the caller's own sts:AssumeRole")
    func crossAccount() throws {
        var prod = AWSAccountFixture(account: "111111111111")
        prod.role("deploy", trust: [F.trust(["AWS": "arn:aws:iam::222222222222:root"])])
        var ci = AWSAccountFixture(account: "222222222222")
        ci.user("runner", statements: [F.allow(["sts:AssumeRole"], [prod.arn("role", "deploy")])])
        ci.user("idle")
        let g = try graph([prod.file, ci.file])
        #expect(try AWSTest.path(g, from: ci.arn("user", "runner"), to: prod.arn("role", "deploy")) != nil)
        #expect(try AWSTest.path(g, from: ci.arn("user", "idle"), to: prod.arn("role", "deploy")) == nil)
        // Without the other account's export, its root is an external entry point.
        let alone = try graph([prod.file])
        #expect(try AWSTest.path(alone, from: "arn:aws:iam::222222222222:root", to: prod.arn("role", "deploy")) != nil)
    }

    @Test("the credential report gives each active key and console password a credential; inventory hints name keys")
    func credentials() throws {
        let a = account { $0.user("ci") }
        let report = AWSReportRow.report([
            AWSReportRow(user: "<root_account>", arn: "arn:aws:iam::111111111111:root", keys: [(true, "2024-01-01T00:00:00+00:00")]),
            AWSReportRow(
                user: "ci", arn: a.arn("user", "ci"), keys: [(true, "2025-03-01T00:00:00+00:00"), (false, "2025-04-01T00:00:00+00:00")]),
        ])
        let hints = SourceFile(path: "inv.yaml", text: "aws_inventory: 1\naccess_keys:\n  - id: AKIAEXAMPLE0000000001\n    user: ci\n")
        let (model, notes) = try AWSTest.load([a.file, report, hints])
        let key = try #require(model.credentials.first { $0.id == "AKIAEXAMPLE0000000001" })
        #expect(key.of == a.arn("user", "ci") && key.mfa == false)
        #expect(key.created == Instant(year: 2025, month: 3, day: 1))
        #expect(model.credentials.contains { $0.id == "arn:aws:iam::111111111111:root#access-key-1" })
        #expect(!model.credentials.contains { $0.id.hasSuffix("#access-key-2") }, "inactive keys are not credentials")
        #expect(notes.contains { $0.message.contains("root account") })
        #expect(model.identities.first { $0.id == a.arn("user", "ci") }?.kind == .service, "keys and no password: a service user")
    }

    @Test("${aws:username} is resolved per user: self-service key policies do not reach other users")
    func usernameVariable() throws {
        let a = account {
            $0.group("devs", statements: [F.allow(["iam:CreateAccessKey"], ["arn:aws:iam::111111111111:user/${aws:username}"])])
            $0.user("dev", groups: ["devs"])
            $0.user("admin", managed: ["AdministratorAccess"])
        }
        let g = try graph([a.file])
        #expect(try AWSTest.path(g, from: dev, to: a.arn("user", "admin")) == nil)
        #expect(try AWSTest.can(g, from: dev, "iam:createaccesskey", on: a.arn("user", "dev") + "/"))
    }

    @Test("URL-encoded policy documents are read like JSON objects")
    func urlEncodedDocument() throws {
        var a = account { _ in }
        a.users.append([
            "UserName": "dev", "Arn": dev,
            "UserPolicyList": [
                [
                    "PolicyName": "p",
                    "PolicyDocument":
                        "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A*%22%2C%22Resource%22%3A%22*%22%7D%7D",
                ]
            ],
        ])
        let g = try graph([a.file], inventory: [bucket])
        #expect(try AWSTest.can(g, from: dev, "s3:getobject", on: bucket))
    }

    @Test("without an inventory, other reach stays as unmatched patterns")
    func unmatched() throws {
        let a = account { $0.user("dev", statements: [F.allow(["s3:GetObject"], [bucket + "/*"])]) }
        let g = try graph([a.file])
        let r = g.radius(from: try g.start(from: dev, mfa: false), options: QueryOptions(at: AWSTest.at))
        #expect(r.unmatched.map(\.resources) == [[bucket + "/*"]])
    }
}
