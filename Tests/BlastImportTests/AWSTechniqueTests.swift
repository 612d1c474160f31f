import BlastCore
@testable import BlastImport
import Testing

/// One small account per catalogue technique: an attacker holding exactly the technique's
/// permissions on suitable resources, and the identity the technique should yield.
struct TechniqueScenario: CustomStringConvertible {
    enum Variant: String, CaseIterable {
        /// Exactly the permissions, on the right resources.
        case exact
        /// The same permissions on a different resource.
        case otherResource
        /// The permissions, plus an explicit Deny of the first one.
        case denied
        /// The permissions only in a non-default version of a managed policy.
        case nonDefaultVersion
        /// PassRole alone, without the service's permissions (new-PassRole techniques).
        case passRoleOnly
    }

    let technique: AWSTechnique
    let variant: Variant
    var description: String { "\(technique.id) \(variant.rawValue)" }

    var a: AWSAccountFixture { AWSAccountFixture() }

    /// The attacker is a role for the role self-escalations, a user otherwise.
    var attackerIsRole: Bool { ["iam-005", "iam-009"].contains(technique.id) }
    var attacker: String { attackerIsRole ? a.arn("role", "attacker") : a.arn("user", "attacker") }

    /// The resource each permission is needed on, and the identity the technique yields.
    func plan(other: Bool) -> (requires: [(String, String)], target: String) {
        let t = technique
        let x = other ? "bystander" : ""
        switch t.family {
        case .selfEscalation:
            switch t.id {
            case "iam-001":
                return (t.permissions.map { ($0, a.arn("policy", other ? "bystander-policy" : "shared")) }, attacker + "#admin-equivalent")
            case "iam-010", "iam-011":
                return (t.permissions.map { ($0, a.arn("group", other ? "others" : "team")) }, attacker + "#admin-equivalent")
            case "iam-013":
                return (t.permissions.map { ($0, a.arn("group", other ? "others" : "admins")) }, a.arn("group", "admins") + "#new-member")
            default:
                return (
                    t.permissions.map { ($0, other ? a.arn(attackerIsRole ? "role" : "user", "bystander") : attacker) },
                    attacker + "#admin-equivalent"
                )
            }
        case .principalAccess:
            let userTarget = ["iam-002", "iam-003", "iam-004", "iam-006", "iam-015", "iam-018"].contains(t.id)
            let victim = userTarget ? a.arn("user", "victim") : a.arn("role", "victim-role")
            let requires = t.permissions.map { p -> (String, String) in
                if p == "iam:CreatePolicyVersion" { return (p, a.arn("policy", other ? "bystander-policy" : "victim-policy")) }
                return (p, other ? a.arn(userTarget ? "user" : "role", x + (userTarget ? "" : "-role")) : victim)
            }
            let admin = ["iam-014", "iam-015", "iam-016", "iam-017", "iam-018", "iam-019", "iam-020", "iam-021"].contains(t.id)
            return (requires, admin ? victim + "#admin-equivalent" : victim)
        case .newPassRole where t.passesRole:
            return (
                t.permissions.map { $0 == "iam:PassRole" ? ($0, a.arn("role", other ? "decoy-role" : "svc-role")) : ($0, "*") },
                a.arn("role", "svc-role")
            )
        case .newPassRole, .existingPassRole:
            return (
                t.permissions.map { ($0, other ? runningResource(name: "other-thing") : runningResource(name: "thing")) },
                a.arn("role", "runner-role")
            )
        }
    }

    func runningResource(name: String) -> String {
        let parts = technique.target.split(separator: ":")
        let (service, type) = (parts[0], parts[1])
        let sep = service == "lambda" ? ":" : "/"
        return "arn:aws:\(service):us-east-1:111111111111:\(type)\(sep)\(name)"
    }

    /// The exports of the scenario.
    func files() -> (files: [SourceFile], start: String, target: String) {
        typealias F = AWSAccountFixture
        let (requires, target) = plan(other: variant == .otherResource)
        var permissions = requires.map { F.allow([$0.0], [$0.1]) }
        if variant == .passRoleOnly { permissions = requires.filter { $0.0 == "iam:PassRole" }.map { F.allow([$0.0], [$0.1]) } }
        if variant == .denied { permissions.append(F.deny([requires[0].0], ["*"])) }
        let inNonDefault = variant == .nonDefaultVersion
        var acct = AWSAccountFixture()
        acct.administratorAccess()
        acct.policy("shared", versions: [("v1", [F.allow(["s3:ListAllMyBuckets"], ["*"])])], defaultVersion: "v1")
        acct.policy("bystander-policy", versions: [("v1", [F.allow(["s3:ListAllMyBuckets"], ["*"])])], defaultVersion: "v1")
        acct.policy("victim-policy", versions: [("v1", [F.allow(["s3:ListAllMyBuckets"], ["*"])])], defaultVersion: "v1")
        acct.policy(
            "attacker-permissions", versions: [("v1", [F.allow(["sts:GetCallerIdentity"], ["*"])]), ("v2", permissions)],
            defaultVersion: "v1")
        let statements = inNonDefault ? [] : permissions
        let managed = ["shared"] + (inNonDefault ? ["attacker-permissions"] : [])
        if attackerIsRole {
            acct.role("attacker", trust: [F.trust(["Service": "ec2.amazonaws.com"])], statements: statements, managed: managed)
            acct.role("bystander", trust: [F.trust(["Service": "ec2.amazonaws.com"])])
        } else {
            acct.user("attacker", statements: statements, groups: ["team"], managed: managed)
        }
        acct.group("team")
        acct.group("others")
        acct.group("admins", managed: ["AdministratorAccess"])
        acct.user("victim")
        acct.user("bystander")
        let victimTrust: [F.JSON] =
            switch technique.id {
            case "sts-001": [F.trust(["AWS": "arn:aws:iam::111111111111:root"])]
            case "iam-014", "iam-016", "iam-017": [F.trust(["AWS": acct.arn("user", "attacker")])]
            default: [F.trust(["Service": "ec2.amazonaws.com"])]
            }
        acct.role("victim-role", trust: victimTrust, managed: ["victim-policy"])
        acct.role("bystander-role", trust: victimTrust)
        var inventory: [String] = []
        if technique.family == .newPassRole, technique.passesRole {
            acct.role("svc-role", trust: [F.trust(["Service": technique.target])], managed: ["AdministratorAccess"], instanceProfile: true)
            acct.role("decoy-role", trust: [F.trust(["Service": "ec2.amazonaws.com"])], managed: ["AdministratorAccess"])
        } else if technique.needsRunningResource {
            acct.role("runner-role", trust: [F.trust(["Service": "ec2.amazonaws.com"])], managed: ["AdministratorAccess"])
            inventory = [
                "aws_inventory: 1", "resources:",
                "  - arn: \(runningResource(name: "thing"))", "    runs_as: \(acct.arn("role", "runner-role"))",
                "  - arn: \(runningResource(name: "other-thing"))",
            ]
        }
        let report = AWSReportRow.report([
            AWSReportRow(user: "attacker", arn: acct.arn("user", "attacker"), keys: [(true, "2025-01-01T00:00:00+00:00")]),
            AWSReportRow(
                user: "victim", arn: acct.arn("user", "victim"), password: technique.id == "iam-006",
                keys: technique.id == "iam-003" ? [(true, "2025-01-01T00:00:00+00:00"), (false, "2025-02-01T00:00:00+00:00")] : []),
        ])
        var files = [acct.file, report]
        if !inventory.isEmpty { files.append(SourceFile(path: "inventory.yaml", text: inventory.joined(separator: "\n") + "\n")) }
        return (files, attacker, target)
    }

    static func cases(_ variants: [Variant]) -> [TechniqueScenario] {
        AWSTechniques.all.flatMap { t in
            variants.filter { $0 != .passRoleOnly || (t.family == .newPassRole && t.passesRole) }
                .map { TechniqueScenario(technique: t, variant: $0) }
        }
    }
}

@Suite("AWS escalation techniques")
struct AWSTechniqueTests {
    @Test("the table is the catalogue: 65 techniques, unique ids, four families")
    func table() {
        let all = AWSTechniques.all
        #expect(all.count == 65)
        #expect(Set(all.map(\.id)).count == 65)
        #expect(
            Dictionary(grouping: all, by: \.family).mapValues(\.count)
                == [.selfEscalation: 8, .principalAccess: 14, .newPassRole: 27, .existingPassRole: 16])
        for t in all where t.family == .newPassRole || t.family == .existingPassRole { #expect(!t.target.isEmpty, "\(t.id)") }
    }

    @Test(
        "a principal holding exactly the technique's permissions reaches the target through it",
        arguments: TechniqueScenario.cases([.exact]))
    func positive(_ scenario: TechniqueScenario) throws {
        let (files, start, target) = scenario.files()
        var model = try AWSTest.load(files).model
        // Only this technique (and no other move) may explain the way in.
        model.escalations.removeAll { $0.technique != scenario.technique.id }
        let g = try AWSTest.graph(model)
        let path = try #require(try AWSTest.path(g, from: start, to: target), "\(scenario) does not reach \(target)")
        let step = try #require(path.last)
        #expect(step.edge == .escalate)
        #expect(step.technique?.hasPrefix("\(scenario.technique.id): ") == true)
        for a in scenario.technique.actions { #expect(step.technique?.contains(a) == true, "\(a) not named") }
    }

    @Test(
        "near misses do not reach the target",
        arguments: TechniqueScenario.cases([.otherResource, .denied, .nonDefaultVersion, .passRoleOnly]))
    func negative(_ scenario: TechniqueScenario) throws {
        let (files, start, target) = scenario.files()
        let g = try AWSTest.graph(try AWSTest.load(files).model)
        #expect(try AWSTest.path(g, from: start, to: target) == nil)
    }

    @Test("without an inventory the techniques on running resources are listed as not evaluated")
    func noInventory() throws {
        var acct = AWSAccountFixture()
        acct.role("app", trust: [AWSAccountFixture.trust(["Service": "lambda.amazonaws.com"])])
        acct.user("dev", statements: [AWSAccountFixture.allow(["lambda:UpdateFunctionCode"], ["*"])])
        let notes = try AWSTest.load([acct.file]).notes
        let note = try #require(notes.first { $0.message.contains("no resource inventory") })
        for t in AWSTechniques.all where t.needsRunningResource { #expect(note.message.contains(t.id)) }
    }
}
