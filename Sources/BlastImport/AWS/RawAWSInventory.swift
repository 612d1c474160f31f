/// The optional resource inventory (YAML or JSON), as written:
///
///     aws_inventory: 1
///     resources:
///       - arn: arn:aws:lambda:us-east-1:111111111111:function:nightly-report
///         criticality: high
///         runs_as: arn:aws:iam::111111111111:role/ReportRunner
///         tags: {team: data}
///     access_keys:
///       - id: AKIAEXAMPLECIKEY0001
///         user: ci-deployer        # user name or ARN
///         slot: 1                  # access_key_1 (default) or 2 of the credential report
struct RawAWSInventory: Decodable, Sendable {
    var aws_inventory: Int
    var resources: [Entry]?
    var access_keys: [Key]?

    struct Entry: Decodable, Sendable {
        var arn: String
        /// For ARNs without an account (S3 buckets): the account that owns it.
        var account: String?
        var criticality: String?
        var runs_as: String?
        var tags: [String: String]?
    }

    struct Key: Decodable, Sendable {
        var id: String
        var user: String
        var slot: Int?
    }
}
