import BlastCore
@testable import BlastImport
import Foundation

/// Named builders of small AWS exports for the AWS importer tests.
struct AWSAccountFixture {
    typealias JSON = [String: Any]

    var account = "111111111111"
    var users: [JSON] = []
    var groups: [JSON] = []
    var roles: [JSON] = []
    var policies: [JSON] = []

    init(account: String = "111111111111") { self.account = account }

    func arn(_ kind: String, _ name: String) -> String { "arn:aws:iam::\(account):\(kind)/\(name)" }

    static func allow(_ actions: [String], _ resources: [String], condition: JSON? = nil) -> JSON {
        var s: JSON = ["Effect": "Allow", "Action": actions, "Resource": resources]
        if let condition { s["Condition"] = condition }
        return s
    }

    static func deny(_ actions: [String], _ resources: [String]) -> JSON {
        ["Effect": "Deny", "Action": actions, "Resource": resources]
    }

    static func document(_ statements: [JSON]) -> JSON { ["Version": "2012-10-17", "Statement": statements] }

    static func trust(_ principal: Any, condition: JSON? = nil, action: String = "sts:AssumeRole") -> JSON {
        var s: JSON = ["Effect": "Allow", "Principal": principal, "Action": action]
        if let condition { s["Condition"] = condition }
        return s
    }

    mutating func user(_ name: String, statements: [JSON] = [], groups: [String] = [], managed: [String] = [], boundary: String? = nil) {
        var u: JSON = [
            "UserName": name, "Arn": arn("user", name), "Path": "/",
            "UserPolicyList": statements.isEmpty ? [] : [["PolicyName": "\(name)-inline", "PolicyDocument": Self.document(statements)]],
            "GroupList": groups,
            "AttachedManagedPolicies": managed.map { ["PolicyName": $0, "PolicyArn": policyArn($0)] },
        ]
        if let boundary { u["PermissionsBoundary"] = ["PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": policyArn(boundary)] }
        users.append(u)
    }

    mutating func group(_ name: String, statements: [JSON] = [], managed: [String] = []) {
        groups.append([
            "GroupName": name, "Arn": arn("group", name), "Path": "/",
            "GroupPolicyList": statements.isEmpty ? [] : [["PolicyName": "\(name)-inline", "PolicyDocument": Self.document(statements)]],
            "AttachedManagedPolicies": managed.map { ["PolicyName": $0, "PolicyArn": policyArn($0)] },
        ])
    }

    mutating func role(_ name: String, trust: [JSON], statements: [JSON] = [], managed: [String] = [], instanceProfile: Bool = false) {
        roles.append([
            "RoleName": name, "Arn": arn("role", name), "Path": "/",
            "AssumeRolePolicyDocument": Self.document(trust),
            "RolePolicyList": statements.isEmpty ? [] : [["PolicyName": "\(name)-inline", "PolicyDocument": Self.document(statements)]],
            "AttachedManagedPolicies": managed.map { ["PolicyName": $0, "PolicyArn": policyArn($0)] },
            "InstanceProfileList": instanceProfile ? [["InstanceProfileName": name, "Arn": arn("instance-profile", name)]] : [],
        ])
    }

    /// A managed policy; `admin` names the AWS-managed AdministratorAccess.
    func policyArn(_ name: String) -> String {
        name == "AdministratorAccess" ? "arn:aws:iam::aws:policy/AdministratorAccess" : arn("policy", name)
    }

    mutating func policy(_ name: String, versions: [(id: String, statements: [JSON])], defaultVersion: String) {
        policies.append([
            "PolicyName": name, "Arn": policyArn(name), "DefaultVersionId": defaultVersion,
            "PolicyVersionList": versions.map { v in
                ["VersionId": v.id, "IsDefaultVersion": v.id == defaultVersion, "Document": Self.document(v.statements)] as JSON
            },
        ])
    }

    mutating func administratorAccess() {
        policy("AdministratorAccess", versions: [("v1", [Self.allow(["*"], ["*"])])], defaultVersion: "v1")
    }

    var json: String {
        let root: JSON = ["UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies]
        let data = try! JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    var file: SourceFile { SourceFile(path: "authz-\(account).json", text: json) }
}

/// One credential report row.
struct AWSReportRow {
    var user: String
    var arn: String
    var password = false
    var mfa = false
    var keys: [(active: Bool, rotated: String)] = []

    static let header =
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

    var line: String {
        func key(_ k: Int) -> String {
            guard k < keys.count else { return "false,N/A,N/A,N/A,N/A" }
            return "\(keys[k].active),\(keys[k].rotated),2026-11-01T10:00:00+00:00,us-east-1,iam"
        }
        let pw = user == "<root_account>" ? "not_supported" : "\(password)"
        return
            "\(user),\(arn),2025-01-01T00:00:00+00:00,\(pw),N/A,\(password ? "2025-01-02T00:00:00+00:00" : "N/A"),N/A,\(mfa),\(key(0)),\(key(1)),false,N/A,false,N/A"
    }

    static func report(_ rows: [AWSReportRow], path: String = "credreport.csv") -> SourceFile {
        SourceFile(path: path, text: ([header] + rows.map(\.line)).joined(separator: "\n") + "\n")
    }
}

enum AWSTest {
    static let at = Instant(year: 2026, month: 11, day: 23)

    /// Imports the files as `ModelSources.load` does (AWS importer, then validation).
    static func load(_ files: [SourceFile]) throws -> (model: Model, notes: [ImportNote]) {
        var context = ImportContext()
        let model = try AWSFormat.importModel(files: files, context: &context)
        try model.validate()
        return (model, context.notes)
    }

    /// The import error the files give, nil when they import (or fail otherwise).
    static func importError(_ files: [SourceFile]) -> ImportError? {
        do {
            _ = try load(files)
            return nil
        } catch let e as ImportError {
            return e
        } catch {
            return nil
        }
    }

    static func graph(_ model: Model) throws -> AccessGraph { try AccessGraph.compile(model) }

    /// The path from `start` (identity or credential id) to the identity `target`, or nil.
    static func path(_ g: AccessGraph, from start: String, to target: String, mfa: Bool = false) throws -> [PathStep]? {
        guard case .identity(let i)? = g.element(named: target) else { return nil }
        let s = try g.start(from: start, mfa: mfa)
        return g.path(from: s, to: .identity(i), options: QueryOptions(at: at, mfa: mfa))?.path
    }

    static func can(_ g: AccessGraph, from start: String, _ action: String, on resource: String, mfa: Bool = false) throws -> Bool {
        guard case .resource(let r)? = g.element(named: resource) else { return false }
        return g.can(from: try g.start(from: start, mfa: mfa), action: action, on: r, options: QueryOptions(at: at, mfa: mfa)).allowed
    }
}
