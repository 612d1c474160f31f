import BlastCore

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
///
/// Read through the located reader, like a native model: an unknown key (a typo such as
/// `criticalty`), a wrong shape or a bad value is an error naming the file, line and key path.
struct RawAWSInventory: Sendable {
    var aws_inventory: Int
    var resources: [Entry]
    var access_keys: [Key]

    struct Entry: Sendable {
        var arn: String
        /// For ARNs without an account (S3 buckets): the account that owns it.
        var account: String?
        var criticality: Criticality?
        var runs_as: String?
        var tags: [String: String]
        var origin: SourceLocation
        /// Where `runs_as` was written.
        var runsAsOrigin: SourceLocation?
    }

    struct Key: Sendable {
        var id: String
        var user: String
        /// 1 or 2: the credential report's `access_key_1_…` or `access_key_2_…` columns.
        var slot: Int
        var origin: SourceLocation
    }

    enum TopKey: String, SchemaKey { case aws_inventory, resources, access_keys }
    enum EntryKey: String, SchemaKey { case arn, account, criticality, runs_as, tags }
    enum KeyKey: String, SchemaKey { case id, user, slot }

    /// Reads the inventory; errors name the file, line and key path.
    init(parsing text: String, file: String) throws(ImportError) {
        guard let root = try NodeReader.parse(text, file: file) else {
            throw ImportError(.emptyDocument, "the inventory is empty; start it with `aws_inventory: 1`", file: file)
        }
        let top = try root.fields(TopKey.self)
        let version = try top.required(.aws_inventory, "1").scalar()
        guard version.text == "1" else {
            throw ImportError(
                .unsupportedVersion, "unsupported aws_inventory \(quoted(version.text)); this blast reads version 1", at: version.at)
        }
        aws_inventory = 1
        resources = try top[.resources]?.list(Self.entry) ?? []
        access_keys = try top[.access_keys]?.list(Self.key) ?? []
    }

    private static func entry(_ item: NodeReader) throws(ImportError) -> Entry {
        let f = try item.fields(EntryKey.self)
        let runsAs = f[.runs_as]
        var tags: [String: String] = [:]
        if let t = f[.tags] {
            guard case .mapping(let mapping) = t.node else { throw t.wrongType(expected: "a mapping of tag names to values") }
            for (k, v) in mapping {
                let key = try NodeReader(node: k, file: t.file, keyPath: t.keyPath).scalar().text
                tags[key] = try t.value(key, v).scalar().text
            }
        }
        let arn = try f.required(.arn, "resource ARN").scalar()
        let parts = arn.text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty, !parts[5].isEmpty,
            !arn.text.contains(where: \.isWhitespace)
        else {
            throw ImportError(
                .badValue, "\(quoted(arn.text)) is not an ARN; expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE", at: arn.at)
        }
        let account = try f[.account]?.scalar()
        if let account, account.text.count != 12 || !account.text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ImportError(.badValue, "\(quoted(account.text)) is not an AWS account id; write the 12 digits in quotes", at: account.at)
        }
        return Entry(
            arn: arn.text, account: account?.text,
            criticality: try f[.criticality]?.scalar().choice("criticality"), runs_as: try runsAs?.scalar().id(), tags: tags,
            origin: item.location, runsAsOrigin: runsAs?.location)
    }

    private static func key(_ item: NodeReader) throws(ImportError) -> Key {
        let f = try item.fields(KeyKey.self)
        var slot = 1
        if let s = try f[.slot]?.scalar() {
            guard s.text == "1" || s.text == "2" else {
                throw ImportError(.badValue, "\(quoted(s.text)) is not a key slot; a user has access keys 1 and 2", at: s.at)
            }
            slot = s.text == "1" ? 1 : 2
        }
        return Key(
            id: try f.required(.id, "access key id").scalar().id(), user: try f.required(.user, "user name or ARN").scalar().id(),
            slot: slot, origin: item.location)
    }
}
