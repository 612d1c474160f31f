import Foundation

/// `aws iam get-account-authorization-details` as written, keeping AWS's field names. Decoding
/// checks shapes only; `AWSMapper` turns it into a model.
struct RawAuthorizationDetails: Decodable, Sendable {
    var UserDetailList: [RawUserDetail]?
    var GroupDetailList: [RawGroupDetail]?
    var RoleDetailList: [RawRoleDetail]?
    var Policies: [RawManagedPolicyDetail]?
    /// Set by the API when this is one page of several (`--max-items`, or a raw API call).
    var IsTruncated: Bool?
    var Marker: String?
    /// Top-level keys this reader does not know (a misspelt `RoleDetailLIst`, an SDK's
    /// `ResponseMetadata`), sorted; `AWSFormat` refuses near-misses of known keys and notes the rest.
    var unknownKeys: [String] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case UserDetailList, GroupDetailList, RoleDetailList, Policies, IsTruncated, Marker
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        UserDetailList = try c.decodeIfPresent([RawUserDetail].self, forKey: .UserDetailList)
        GroupDetailList = try c.decodeIfPresent([RawGroupDetail].self, forKey: .GroupDetailList)
        RoleDetailList = try c.decodeIfPresent([RawRoleDetail].self, forKey: .RoleDetailList)
        Policies = try c.decodeIfPresent([RawManagedPolicyDetail].self, forKey: .Policies)
        IsTruncated = try c.decodeIfPresent(Bool.self, forKey: .IsTruncated)
        Marker = try c.decodeIfPresent(String.self, forKey: .Marker)
        unknownKeys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
            .filter { CodingKeys(stringValue: $0) == nil }.sorted()
    }
}

struct RawAttachedPolicy: Decodable, Sendable {
    var PolicyName: String?
    var PolicyArn: String
}

struct RawInlinePolicy: Decodable, Sendable {
    var PolicyName: String
    var PolicyDocument: RawPolicyDocument
}

struct RawPermissionsBoundary: Decodable, Sendable {
    var PermissionsBoundaryType: String?
    var PermissionsBoundaryArn: String
}

struct RawTag: Decodable, Sendable {
    var Key: String
    var Value: String
}

struct RawUserDetail: Decodable, Sendable {
    var Path: String?
    var UserName: String
    var UserId: String?
    var Arn: String
    var GroupList: [String]?
    var AttachedManagedPolicies: [RawAttachedPolicy]?
    var UserPolicyList: [RawInlinePolicy]?
    var PermissionsBoundary: RawPermissionsBoundary?
    var Tags: [RawTag]?
}

struct RawGroupDetail: Decodable, Sendable {
    var Path: String?
    var GroupName: String
    var GroupId: String?
    var Arn: String
    var GroupPolicyList: [RawInlinePolicy]?
    var AttachedManagedPolicies: [RawAttachedPolicy]?
}

struct RawInstanceProfile: Decodable, Sendable {
    var InstanceProfileName: String?
    var Arn: String?
}

struct RawRoleDetail: Decodable, Sendable {
    var Path: String?
    var RoleName: String
    var RoleId: String?
    var Arn: String
    var AssumeRolePolicyDocument: RawPolicyDocument?
    var InstanceProfileList: [RawInstanceProfile]?
    var RolePolicyList: [RawInlinePolicy]?
    var AttachedManagedPolicies: [RawAttachedPolicy]?
    var PermissionsBoundary: RawPermissionsBoundary?
    var Tags: [RawTag]?
}

struct RawPolicyVersion: Decodable, Sendable {
    var Document: RawPolicyDocument
    var VersionId: String
    var IsDefaultVersion: Bool
}

struct RawManagedPolicyDetail: Decodable, Sendable {
    var PolicyName: String
    var PolicyId: String?
    var Arn: String
    var DefaultVersionId: String?
    var AttachmentCount: Int?
    var PermissionsBoundaryUsageCount: Int?
    var PolicyVersionList: [RawPolicyVersion]?
}

/// A policy document, given as a JSON object or as a URL-encoded JSON string (the raw API form).
struct RawPolicyDocument: Decodable, Sendable {
    var Version: String?
    var Id: String?
    var Statement: [RawPolicyStatement]

    enum CodingKeys: String, CodingKey { case Version, Id, Statement }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            let json = text.removingPercentEncoding ?? text
            do {
                self = try JSONDecoder().decode(RawPolicyDocument.self, from: Data(json.utf8))
            } catch let inner as DecodingError {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "the URL-encoded policy document does not parse: \(AWSFormat.describe(inner))"))
            }
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        Version = try c.decodeIfPresent(String.self, forKey: .Version)
        Id = try c.decodeIfPresent(String.self, forKey: .Id)
        // "Statement" is one statement or a list of them.
        // Only "not a list" falls back to one statement; an error inside a listed statement
        // (`"Action": 42`, a string `Condition`) is reported as itself.
        do {
            Statement = try c.decode([RawPolicyStatement].self, forKey: .Statement)
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.count == c.codingPath.count + 1 {
            Statement = [try c.decode(RawPolicyStatement.self, forKey: .Statement)]
        }
    }
}

/// A policy statement as written. Both identity and trust policies use it.
struct RawPolicyStatement: Decodable, Sendable {
    var Sid: String?
    var Effect: String?
    var Action: AWSStringList?
    var NotAction: AWSStringList?
    var Resource: AWSStringList?
    var NotResource: AWSStringList?
    var Principal: RawPrincipal?
    var NotPrincipal: RawPrincipal?
    /// Operator → condition key → values.
    var Condition: [String: [String: AWSConditionValues]]?
}

/// `"Principal": "*"` or `{"AWS": …, "Service": …, "Federated": …, "CanonicalUser": …}`.
struct RawPrincipal: Decodable, Sendable {
    var everyone: Bool
    var AWS: AWSStringList?
    var Service: AWSStringList?
    var Federated: AWSStringList?
    var CanonicalUser: AWSStringList?

    enum CodingKeys: String, CodingKey { case AWS, Service, Federated, CanonicalUser }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            guard text == "*" else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "a string Principal must be \"*\", not \(quoted(text)); write an ARN as {\"AWS\": \"ARN\"}"))
            }
            everyone = true
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        everyone = false
        AWS = try c.decodeIfPresent(AWSStringList.self, forKey: .AWS)
        Service = try c.decodeIfPresent(AWSStringList.self, forKey: .Service)
        Federated = try c.decodeIfPresent(AWSStringList.self, forKey: .Federated)
        CanonicalUser = try c.decodeIfPresent(AWSStringList.self, forKey: .CanonicalUser)
    }
}
