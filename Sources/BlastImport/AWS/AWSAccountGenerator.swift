import BlastCore
/// A deterministic, realistic AWS account export for benchmarks and scale tests, written as the
/// AWS CLI writes it: `aws iam get-account-authorization-details` (JSON, 4-space indent, policy
/// documents decoded), the credential report (`aws iam get-credential-report`, base64-decoded
/// CSV, AWS's 22 columns) and the resource inventory blast reads (`RawAWSInventory`).
///
/// Shape for `Size(users: U, roles: R, customerPolicies: P, groups: G)`, account 123456789012:
/// - customer policies: team data access naming S3 buckets, DynamoDB tables, KMS keys and
///   secrets; queue/topic runtime; deploy; ~5% permissions boundaries; ~12% carry a Deny, some
///   an MFA or region condition, ~20% several versions (only the default counts);
/// - AWS managed policies attached as accounts attach them: AdministratorAccess, PowerUserAccess,
///   ReadOnlyAccess (330 `Describe*`/`Get*`/`List*` patterns on `*`), SecurityAudit,
///   AmazonS3FullAccess, AmazonS3ReadOnlyAccess, AmazonDynamoDBReadOnlyAccess,
///   CloudWatchReadOnlyAccess, IAMUserChangePassword (`${aws:username}`), AWSLambdaBasicExecutionRole, …;
/// - groups: Administrators, PowerUsers, ReadOnly, SecurityAudit, SelfService, then team groups
///   with 1–3 attached policies (~20% with an inline policy);
/// - users: ~85% people in 1–3 groups (console password, ~70% MFA, ~40% an access key), ~15%
///   service users under `/service/` with access keys, 1 group and direct attachments;
/// - roles: `lambda-admin` and `cfn-exec` (service roles holding AdministratorAccess),
///   `OrganizationAccountAccessRole` (management account), `break-glass` (account root, MFA), then
///   service roles (Lambda, ECS, EC2 with instance profiles, CodeBuild, Glue, SageMaker, …),
///   SSO roles (SAML), GitHub Actions roles (OIDC), cross-account roles (external id), roles
///   trusting the account root, role chains and roles trusting named users;
/// - inline policies on ~20% of principals, permissions boundaries on ~5%;
/// - ~2% of principals hold one escalation technique of `AWSTechniques.all` (the first person
///   that does holds `lambda-001` on `lambda-admin`: it can become an administrator);
/// - inventory: every bucket, table, key and secret with a criticality (`acme-prod-customer-data`
///   is critical), and the functions, instances, projects, stacks, … that run as service roles.
///
/// The same size and seed always give the same bytes.
public enum AWSAccountGenerator {
    /// How many of each the account holds.
    public struct Size: Sendable, Equatable {
        public var users: Int
        public var roles: Int
        public var customerPolicies: Int
        public var groups: Int

        public init(users: Int, roles: Int, customerPolicies: Int, groups: Int) {
            self.users = users
            self.roles = roles
            self.customerPolicies = customerPolicies
            self.groups = groups
        }

        public static let s = Size(users: 1_000, roles: 500, customerPolicies: 300, groups: 50)
        public static let m = Size(users: 10_000, roles: 5_000, customerPolicies: 3_000, groups: 300)
        public static let l = Size(users: 50_000, roles: 25_000, customerPolicies: 15_000, groups: 1_500)

        /// `S`, `M` or `L` (any case).
        public static func named(_ name: String) -> Size? {
            switch name.uppercased() {
            case "S": .s
            case "M": .m
            case "L": .l
            default: nil
            }
        }
    }

    /// The generated files, by the names `blast generate --shape aws` writes them under.
    public struct Files: Sendable {
        public var authorizationDetails: String
        public var credentialReport: String
        public var inventory: String

        public static let authorizationDetailsName = "authorization-details.json"
        public static let credentialReportName = "credential-report.csv"
        public static let inventoryName = "inventory.yaml"

        /// (file name, contents), in a fixed order.
        public var named: [(name: String, text: String)] {
            [
                (Self.authorizationDetailsName, authorizationDetails), (Self.credentialReportName, credentialReport),
                (Self.inventoryName, inventory),
            ]
        }
    }

    /// The account every generated ARN belongs to.
    public static let account = "123456789012"

    /// Builds the account.
    /// - Complexity: O(U + R + P + G) (times the size of the policies).
    public static func generate(size: Size, seed: UInt64) -> Files {
        var b = AWSAccountBuilder(size: size, seed: seed)
        return b.build()
    }
}

/// JSON as the AWS CLI prints it: keys in the API's order, 4-space indent.
indirect enum AWSJSON {
    case object([(String, AWSJSON)])
    case array([AWSJSON])
    case string(String)
    case bool(Bool)
    case int(Int)

    /// A string for one item, a list otherwise (how policies are usually written).
    static func list(_ items: [String]) -> AWSJSON { items.count == 1 ? .string(items[0]) : .array(items.map(AWSJSON.string)) }

    func write(into out: inout String, indent: Int = 0) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (k, v) in items.enumerated() {
                out += String(repeating: " ", count: indent + 4)
                v.write(into: &out, indent: indent + 4)
                out += k == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            for (k, (key, v)) in fields.enumerated() {
                out += String(repeating: " ", count: indent + 4)
                Self.quote(key, into: &out)
                out += ": "
                v.write(into: &out, indent: indent + 4)
                out += k == fields.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where u.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}

/// The state of one generation (see `AWSAccountGenerator`).
struct AWSAccountBuilder {

    mutating func pickIfAny(_ items: [Int]) -> Int? { items.isEmpty ? nil : rng.pick(items) }

    struct Policy {
        var name: String
        var arn: String
        var path = "/"
        var team = 0
        /// Documents by version, the last one the default.
        var versions: [AWSJSON]
        var isBoundary = false
        var attachments = 0
        var boundaryUses = 0
        var created = 0
        /// The number of the first version (`v112` for an AWS managed policy at version 112).
        var firstVersion = 1
    }

    struct Principal {
        var name: String
        var path: String
        var arn: String
        var id: String
        var created: Int
        var team: Int
        var groups: [Int] = []
        var attached: [Int] = []
        var inline: [(String, AWSJSON)] = []
        var boundary: Int?
        var tags: [(String, String)] = []
        // Users.
        var isPerson = false
        var password = false
        var mfa = false
        var keys: [Bool] = [false, false]
        // Roles.
        var trust: AWSJSON = .object([])
        var instanceProfile = false
        var service: String?
    }

    struct Group {
        var name: String
        var arn: String
        var id: String
        var created: Int
        var attached: [Int] = []
        var inline: [(String, AWSJSON)] = []
    }

    struct InventoryEntry {
        var arn: String
        var criticality: String
        var runsAs: String?
        var accountless = false
        var tags: [(String, String)] = []
    }

    static let teams = [
        "payments", "checkout", "search", "identity", "data", "ml", "platform", "mobile", "web", "billing",
        "growth", "risk", "ledger", "catalog", "shipping", "support", "analytics", "security", "infra", "media",
    ]
    static let firstNames = [
        "alex", "sam", "maria", "li", "noah", "emma", "omar", "yuki", "ana", "ivan", "fatima", "john",
        "chen", "lucas", "sofia", "arjun", "zoe", "mateo", "nina", "kofi", "lea", "hugo", "mira", "tom",
    ]
    static let lastNames = [
        "smith", "garcia", "wang", "muller", "rossi", "kim", "dubois", "silva", "novak", "khan", "ito",
        "jensen", "okafor", "haddad", "larsen", "moreau", "costa", "nguyen", "petrov", "brown",
    ]
    /// Service principal → (role name part, weight per mille of service roles).
    static let services: [(principal: String, short: String, weight: Int)] = [
        ("lambda.amazonaws.com", "lambda", 330), ("ecs-tasks.amazonaws.com", "ecs-task", 150), ("ec2.amazonaws.com", "ec2", 120),
        ("codebuild.amazonaws.com", "codebuild", 60), ("glue.amazonaws.com", "glue", 60), ("sagemaker.amazonaws.com", "sagemaker", 50),
        ("states.amazonaws.com", "states", 50), ("events.amazonaws.com", "events", 40), ("cloudformation.amazonaws.com", "cfn", 30),
        ("tasks.apprunner.amazonaws.com", "apprunner", 30), ("firehose.amazonaws.com", "firehose", 30),
        ("datapipeline.amazonaws.com", "datapipeline", 20), ("bedrock-agentcore.amazonaws.com", "agentcore", 30),
    ]
    /// What a service role's workload is, in the inventory (technique `target` → ARN prefix).
    static let workloads: [String: (target: String, prefix: String)] = [
        "lambda.amazonaws.com": ("lambda:function", "arn:aws:lambda:us-east-1:\(AWSAccountGenerator.account):function:"),
        "ec2.amazonaws.com": ("ec2:instance", "arn:aws:ec2:us-east-1:\(AWSAccountGenerator.account):instance/"),
        "codebuild.amazonaws.com": ("codebuild:project", "arn:aws:codebuild:us-east-1:\(AWSAccountGenerator.account):project/"),
        "cloudformation.amazonaws.com": ("cloudformation:stack", "arn:aws:cloudformation:us-east-1:\(AWSAccountGenerator.account):stack/"),
        "glue.amazonaws.com": ("glue:devEndpoint", "arn:aws:glue:us-east-1:\(AWSAccountGenerator.account):devEndpoint/"),
        "sagemaker.amazonaws.com": (
            "sagemaker:notebook-instance", "arn:aws:sagemaker:us-east-1:\(AWSAccountGenerator.account):notebook-instance/"
        ),
        "tasks.apprunner.amazonaws.com": ("apprunner:service", "arn:aws:apprunner:us-east-1:\(AWSAccountGenerator.account):service/"),
        "bedrock-agentcore.amazonaws.com": (
            "bedrock-agentcore:code-interpreter", "arn:aws:bedrock-agentcore:us-east-1:\(AWSAccountGenerator.account):code-interpreter/"
        ),
    ]
    static let partners = ["210987654321", "345678901234", "456789012345"]
    static let management = "999999999999"

    let size: AWSAccountGenerator.Size
    var rng: SplitMix64
    let acct = AWSAccountGenerator.account
    var policies: [Policy] = []
    var awsPolicy: [String: Int] = [:]
    var groups: [Group] = []
    var users: [Principal] = []
    var roles: [Principal] = []
    var buckets: [String] = [], tables: [String] = [], keys: [String] = [], secrets: [String] = []
    var inventory: [InventoryEntry] = []
    /// Service principal → roles trusting it.
    var trusting: [String: [Int]] = [:]
    /// Technique target (`lambda:function`) → whether the inventory has one.
    var workloadTargets: Set<String> = []
    var teamPolicies: [[Int]] = Array(repeating: [], count: AWSAccountBuilder.teams.count)
    var boundaries: [Int] = []
    var teamGroups: [Int] = []

    init(size: AWSAccountGenerator.Size, seed: UInt64) {
        self.size = size
        rng = SplitMix64(seed: seed)
    }

    // MARK: Helpers

    func iam(_ kind: String, _ name: String, path: String = "/") -> String { "arn:aws:iam::\(acct):\(kind)\(path)\(name)" }

    mutating func uniqueID(_ prefix: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var s = prefix
        for _ in 0..<17 { s.append(alphabet[rng.below(alphabet.count)]) }
        return s
    }

    mutating func hex(_ n: Int) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        for _ in 0..<n { s.append(digits[rng.below(16)]) }
        return s
    }

    /// Days before 2026-11-01 → `2026-…T…+00:00` (the credential report's form) or `…Z`.
    static func date(_ daysBefore: Int, zulu: Bool = true, minute: Int = 0) -> String {
        // Days since 1970-01-01 of 2026-11-01 is 20758.
        let z = 20758 - daysBefore + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let time = "T\(two(9 + minute / 60 % 9)):\(two(minute % 60)):00"
        return "\(y)-\(two(m))-\(two(d))\(time)\(zulu ? "Z" : "+00:00")"
    }

    static func statement(
        _ effect: String, _ actions: [String], _ resources: [String], notAction: Bool = false,
        condition: AWSJSON? = nil
    ) -> AWSJSON {
        var fields: [(String, AWSJSON)] = [
            ("Effect", .string(effect)), (notAction ? "NotAction" : "Action", .list(actions)),
            ("Resource", .list(resources)),
        ]
        if let condition { fields.append(("Condition", condition)) }
        return .object(fields)
    }

    static func document(_ statements: [AWSJSON]) -> AWSJSON {
        .object([("Version", .string("2012-10-17")), ("Statement", .array(statements))])
    }

    static let mfaCondition = AWSJSON.object([("Bool", .object([("aws:MultiFactorAuthPresent", .string("true"))]))])

    // MARK: Build

    mutating func build() -> AWSAccountGenerator.Files {
        makeResources()
        makeAWSManagedPolicies()
        makeCustomerPolicies()
        makeGroups()
        makeUsers()
        makeRoles()
        makeInlineAndBoundaries()
        makeEscalations()
        return AWSAccountGenerator.Files(
            authorizationDetails: authorizationDetails(), credentialReport: credentialReport(),
            inventory: inventoryYAML())
    }

    mutating func makeResources() {
        let p = size.customerPolicies
        let kinds = ["data", "logs", "artifacts", "exports", "backups", "uploads"]
        for k in 0..<max(4, p / 3) {
            let team = Self.teams[k % Self.teams.count]
            let name = k == 0 ? "acme-prod-customer-data" : "acme-\(team)-\(kinds[k % kinds.count])-\(k)"
            buckets.append("arn:aws:s3:::\(name)")
            let c = k == 0 || k % 50 == 1 ? "critical" : k % 10 == 2 ? "high" : rng.perMille(400) ? "medium" : "low"
            inventory.append(
                InventoryEntry(
                    arn: "arn:aws:s3:::\(name)", criticality: c, accountless: true,
                    tags: k == 0 ? [("data", "pii")] : [("team", team)]))
        }
        let things = ["orders", "sessions", "customers", "events", "ledger", "inventory", "profiles", "jobs"]
        for k in 0..<max(4, p / 3) {
            let arn = "arn:aws:dynamodb:us-east-1:\(acct):table/\(Self.teams[k % Self.teams.count])-\(things[k % things.count])-\(k)"
            tables.append(arn)
            inventory.append(InventoryEntry(arn: arn, criticality: k % 25 == 3 ? "critical" : k % 5 == 0 ? "high" : "medium"))
        }
        for _ in 0..<max(2, p / 10) {
            let arn = "arn:aws:kms:us-east-1:\(acct):key/\(hex(8))-\(hex(4))-\(hex(4))-\(hex(4))-\(hex(12))"
            keys.append(arn)
            inventory.append(InventoryEntry(arn: arn, criticality: "high"))
        }
        let secretNames = ["db-password", "api-key", "stripe-token", "oauth-client", "signing-key"]
        for k in 0..<max(3, p / 5) {
            let arn =
                "arn:aws:secretsmanager:us-east-1:\(acct):secret:\(Self.teams[k % Self.teams.count])/\(secretNames[k % secretNames.count])-\(k)-\(hex(6))"
            secrets.append(arn)
            inventory.append(InventoryEntry(arn: arn, criticality: k % 7 == 0 ? "critical" : "high"))
        }
    }

    mutating func addAWSPolicy(_ name: String, path: String = "/", version: String, _ statements: [AWSJSON]) {
        awsPolicy[name] = policies.count
        policies.append(
            Policy(
                name: name, arn: "arn:aws:iam::aws:policy\(path)\(name)", path: path, versions: [Self.document(statements)],
                created: 3000, firstVersion: Int(version.dropFirst()) ?? 1))
    }

    /// 110 services × `Describe*`, `Get*`, `List*`: the shape of ReadOnlyAccess (330 patterns).
    static let readOnlyServices = [
        "access-analyzer", "acm", "acm-pca", "airflow", "amplify", "apigateway", "appconfig", "appflow", "application-autoscaling",
        "appmesh", "apprunner", "appstream", "appsync", "athena", "autoscaling", "backup", "batch", "bedrock", "budgets", "ce",
        "chatbot", "cloud9", "cloudformation", "cloudfront", "cloudhsm", "cloudsearch", "cloudtrail", "cloudwatch", "codeartifact",
        "codebuild", "codecommit", "codedeploy", "codepipeline", "cognito-identity", "cognito-idp", "config", "connect", "databrew",
        "datapipeline", "datasync", "dax", "detective", "directconnect", "dlm", "dms", "ds", "dynamodb", "ec2", "ecr", "ecs", "eks",
        "elasticache", "elasticbeanstalk", "elasticfilesystem", "elasticloadbalancing", "elasticmapreduce", "es", "events", "firehose",
        "fsx", "glacier", "globalaccelerator", "glue", "guardduty", "health", "iam", "identitystore", "imagebuilder", "inspector2",
        "iot", "kafka", "kinesis", "kinesisanalytics", "kms", "lakeformation", "lambda", "lex", "lightsail", "logs", "macie2",
        "mq", "network-firewall", "organizations", "personalize", "qldb", "quicksight", "ram", "rds", "redshift", "rekognition",
        "resource-groups", "route53", "route53resolver", "s3", "sagemaker", "secretsmanager", "securityhub", "servicecatalog",
        "ses", "shield", "sns", "sqs", "ssm", "sso", "states", "storagegateway", "tag", "transfer", "wafv2", "xray",
    ]

    mutating func makeAWSManagedPolicies() {
        let allow = { (a: [String], r: [String]) in Self.statement("Allow", a, r) }
        addAWSPolicy("AdministratorAccess", version: "v1", [allow(["*"], ["*"])])
        addAWSPolicy(
            "PowerUserAccess", version: "v5",
            [
                Self.statement("Allow", ["iam:*", "organizations:*", "account:*"], ["*"], notAction: true),
                allow(
                    [
                        "account:GetAccountInformation", "account:GetPrimaryEmail", "account:ListRegions", "iam:CreateServiceLinkedRole",
                        "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization",
                    ], ["*"]),
            ])
        var readOnly: [String] = []
        for s in Self.readOnlyServices {
            if s == "secretsmanager" {
                readOnly += ["secretsmanager:Describe*", "secretsmanager:GetResourcePolicy", "secretsmanager:List*"]
            } else {
                readOnly += ["\(s):Describe*", "\(s):Get*", "\(s):List*"]
            }
        }
        addAWSPolicy("ReadOnlyAccess", version: "v112", [allow(readOnly, ["*"])])
        addAWSPolicy(
            "SecurityAudit", version: "v41",
            [
                allow(
                    Self.readOnlyServices.prefix(70).flatMap { ["\($0):Describe*", "\($0):List*"] }
                        + [
                            "iam:GenerateCredentialReport", "iam:GetAccountAuthorizationDetails", "s3:GetBucketPolicy", "s3:GetBucketAcl",
                            "kms:GetKeyPolicy", "lambda:GetPolicy", "ecr:GetRepositoryPolicy",
                        ], ["*"])
            ])
        addAWSPolicy("AmazonS3FullAccess", version: "v2", [allow(["s3:*", "s3-object-lambda:*"], ["*"])])
        addAWSPolicy(
            "AmazonS3ReadOnlyAccess", version: "v3",
            [
                allow(["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"], ["*"])
            ])
        addAWSPolicy(
            "AmazonDynamoDBReadOnlyAccess", version: "v14",
            [
                allow(
                    [
                        "application-autoscaling:DescribeScalableTargets", "cloudwatch:GetMetricData", "cloudwatch:DescribeAlarms",
                        "dynamodb:BatchGetItem", "dynamodb:Describe*", "dynamodb:List*", "dynamodb:GetItem", "dynamodb:Query",
                        "dynamodb:Scan", "dynamodb:PartiQLSelect", "dax:Describe*", "dax:List*", "dax:GetItem", "dax:BatchGetItem",
                        "dax:Query", "dax:Scan",
                    ], ["*"])
            ])
        addAWSPolicy(
            "CloudWatchReadOnlyAccess", version: "v16",
            [
                allow(
                    [
                        "autoscaling:Describe*", "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "logs:Get*", "logs:List*",
                        "logs:StartQuery", "logs:StopQuery", "logs:Describe*", "logs:TestMetricFilter", "logs:FilterLogEvents",
                        "sns:Get*", "sns:List*",
                    ], ["*"])
            ])
        addAWSPolicy(
            "AWSLambda_ReadOnlyAccess", version: "v11",
            [
                allow(
                    [
                        "cloudformation:DescribeStacks", "cloudformation:DescribeStackResources", "cloudwatch:GetMetricData",
                        "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "iam:GetRole", "iam:ListRoles",
                        "kms:ListAliases", "lambda:Get*", "lambda:List*", "logs:DescribeLogGroups", "states:DescribeStateMachine",
                        "states:ListStateMachines", "tag:GetResources", "xray:GetTraceSummaries", "xray:BatchGetTraces",
                    ], ["*"])
            ])
        addAWSPolicy(
            "AmazonEC2ReadOnlyAccess", version: "v4",
            [
                allow(
                    [
                        "ec2:Describe*", "elasticloadbalancing:Describe*", "cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics",
                        "cloudwatch:Describe*", "autoscaling:Describe*",
                    ], ["*"])
            ])
        addAWSPolicy(
            "IAMUserChangePassword", version: "v2",
            [
                allow(["iam:ChangePassword"], ["arn:aws:iam::*:user/${aws:username}"]),
                allow(["iam:GetAccountPasswordPolicy"], ["*"]),
            ])
        addAWSPolicy(
            "AWSLambdaBasicExecutionRole", path: "/service-role/", version: "v1",
            [
                allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], ["*"])
            ])
        addAWSPolicy(
            "AmazonSSMManagedInstanceCore", version: "v3",
            [
                allow(
                    [
                        "ssm:DescribeAssociation", "ssm:GetDeployablePatchSnapshotForInstance", "ssm:GetDocument", "ssm:DescribeDocument",
                        "ssm:GetManifest", "ssm:GetParameter", "ssm:GetParameters", "ssm:ListAssociations", "ssm:ListInstanceAssociations",
                        "ssm:PutInventory", "ssm:PutComplianceItems", "ssm:PutConfigurePackageResult", "ssm:UpdateAssociationStatus",
                        "ssm:UpdateInstanceAssociationStatus", "ssm:UpdateInstanceInformation",
                    ], ["*"]),
                allow(
                    [
                        "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
                        "ssmmessages:OpenDataChannel",
                    ], ["*"]),
                allow(
                    [
                        "ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint",
                        "ec2messages:GetMessages", "ec2messages:SendReply",
                    ], ["*"]),
            ])
        addAWSPolicy(
            "AWSGlueServiceRole", path: "/service-role/", version: "v9",
            [
                allow(
                    [
                        "glue:*", "s3:GetBucketLocation", "s3:ListBucket", "s3:ListAllMyBuckets", "s3:GetBucketAcl", "ec2:Describe*",
                        "cloudwatch:PutMetricData", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                    ], ["*"])
            ])
    }

    func aws(_ name: String) -> Int {
        guard let k = awsPolicy[name] else { preconditionFailure("AWS managed policy \(name) is not generated") }
        return k
    }

    /// Sorted, distinct picks of up to `n` items.
    mutating func some(_ items: [String], _ n: Int) -> [String] {
        var out: [String] = []
        for _ in 0..<max(1, n) { let x = rng.pick(items); if !out.contains(x) { out.append(x) } }
        return out
    }

    mutating func teamItems(_ items: [String], team: Int, _ n: Int) -> [String] {
        let mine = stride(from: team % max(1, items.count), to: items.count, by: Self.teams.count).map { items[$0] }
        return some(mine.isEmpty ? items : mine, n)
    }

    /// A statement of data access on the team's resources (or a Deny on critical ones).
    mutating func dataStatements(team: Int, template: Int) -> [AWSJSON] {
        let t = Self.teams[team]
        switch template {
        case 0:
            let b = teamItems(buckets, team: team, 1 + rng.below(3))
            return [
                Self.statement("Allow", ["s3:ListBucket", "s3:GetBucketLocation"], b),
                Self.statement("Allow", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], b.map { $0 + "/*" }),
            ]
        case 1:
            let tb = teamItems(tables, team: team, 1 + rng.below(2))
            return [
                Self.statement(
                    "Allow",
                    [
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                        "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
                        "dynamodb:DescribeTable",
                    ], tb + tb.map { $0 + "/index/*" })
            ]
        case 2:
            return [
                Self.statement(
                    "Allow", ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                    teamItems(secrets, team: team, 1 + rng.below(2))),
                Self.statement("Allow", ["kms:Decrypt"], [rng.pick(keys)]),
            ]
        case 3:
            return [
                Self.statement(
                    "Allow", ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                    some(keys, 1 + rng.below(2)))
            ]
        case 4:
            return [
                Self.statement(
                    "Allow", ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
                    ["arn:aws:sqs:us-east-1:\(acct):\(t)-*"]),
                Self.statement("Allow", ["sns:Publish"], ["arn:aws:sns:us-east-1:\(acct):\(t)-*"]),
                Self.statement("Allow", ["s3:GetObject"], teamItems(buckets, team: team, 1).map { $0 + "/*" }),
            ]
        case 5:
            return [
                Self.statement("Allow", ["ecr:GetAuthorizationToken"], ["*"]),
                Self.statement(
                    "Allow",
                    [
                        "ecr:BatchCheckLayerAvailability", "ecr:PutImage", "ecr:InitiateLayerUpload",
                        "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchGetImage",
                    ],
                    ["arn:aws:ecr:us-east-1:\(acct):repository/\(t)-*"]),
                Self.statement("Allow", ["ecs:UpdateService", "ecs:DescribeServices", "ecs:DescribeTaskDefinition"], ["*"]),
                Self.statement(
                    "Allow", ["lambda:GetFunction", "lambda:InvokeFunction"], ["arn:aws:lambda:us-east-1:\(acct):function:\(t)-*"]),
                Self.statement("Allow", ["s3:PutObject"], teamItems(buckets, team: team, 1).map { $0 + "/*" }),
            ]
        default:
            return [Self.statement("Allow", ["sts:AssumeRole"], [iam("role", "\(t)-*")])]
        }
    }

    mutating func denyStatement() -> AWSJSON {
        switch rng.below(4) {
        case 0: Self.statement("Deny", ["s3:DeleteBucket", "s3:PutBucketPolicy", "s3:DeleteObject"], [buckets[0], buckets[0] + "/*"])
        case 1: Self.statement("Deny", ["kms:ScheduleKeyDeletion", "kms:DisableKey"], ["*"])
        case 2: Self.statement("Deny", ["secretsmanager:DeleteSecret", "secretsmanager:PutSecretValue"], ["*"])
        default:
            Self.statement(
                "Deny", ["s3:*"], [buckets[0], buckets[0] + "/*"],
                condition: .object([("Bool", .object([("aws:SecureTransport", .string("false"))]))]))
        }
    }

    mutating func makeCustomerPolicies() {
        let kinds = ["s3-data-access", "dynamodb-access", "secrets-read", "kms-usage", "app-runtime", "deploy"]
        for j in 0..<size.customerPolicies {
            let team = j % Self.teams.count
            let t = Self.teams[team]
            if j % 20 == 19 {
                let name = "\(t)-permissions-boundary-\(j)"
                policies.append(
                    Policy(
                        name: name, arn: iam("policy", name), team: team,
                        versions: [
                            Self.document([
                                Self.statement(
                                    "Allow",
                                    [
                                        "s3:*", "dynamodb:*", "sqs:*", "sns:*", "logs:*", "cloudwatch:*", "kms:Decrypt",
                                        "kms:GenerateDataKey", "secretsmanager:GetSecretValue", "lambda:*", "sts:AssumeRole",
                                        "ecr:*", "ecs:*",
                                    ], ["*"]),
                                Self.statement("Deny", ["iam:*", "organizations:*", "account:*"], ["*"]),
                            ])
                        ], isBoundary: true, created: 200 + rng.below(1200)))
                boundaries.append(policies.count - 1)
                continue
            }
            let kind = j % kinds.count
            var statements = dataStatements(team: team, template: kind)
            if j % 15 == 7 {
                statements.append(
                    Self.statement(
                        "Allow", ["dynamodb:DeleteTable", "s3:DeleteBucket"], teamItems(tables, team: team, 1),
                        condition: Self.mfaCondition))
            }
            if j % 17 == 5, case .object(var fields) = statements[0] {
                fields.append(
                    (
                        "Condition",
                        .object([
                            ("StringEquals", .object([("aws:RequestedRegion", .array([.string("us-east-1"), .string("eu-west-1")]))]))
                        ])
                    ))
                statements[0] = .object(fields)
            }
            if j % 8 == 3 { statements.append(denyStatement()) }
            var versions = [Self.document(statements)]
            if j % 5 == 0 { versions.insert(Self.document(Array(statements.prefix(1))), at: 0) }
            if j % 25 == 0 { versions.insert(Self.document([Self.statement("Allow", ["s3:ListAllMyBuckets"], ["*"])]), at: 0) }
            let name = "\(t)-\(kinds[kind])-\(j)"
            policies.append(Policy(name: name, arn: iam("policy", name), team: team, versions: versions, created: 100 + rng.below(1500)))
            teamPolicies[team].append(policies.count - 1)
        }
    }

    mutating func teamPolicy(_ team: Int) -> Int? {
        if !teamPolicies[team].isEmpty { return rng.pick(teamPolicies[team]) }
        let any = teamPolicies.flatMap { $0 }
        return any.isEmpty ? nil : rng.pick(any)
    }

    mutating func makeGroups() {
        let special: [(String, [String])] = [
            ("Administrators", ["AdministratorAccess"]), ("PowerUsers", ["PowerUserAccess"]), ("ReadOnly", ["ReadOnlyAccess"]),
            ("SecurityAudit", ["SecurityAudit", "ReadOnlyAccess"]), ("SelfService", ["IAMUserChangePassword"]),
        ]
        let kinds = ["developers", "data", "oncall", "analysts", "deploy"]
        for g in 0..<size.groups {
            if g < special.count {
                var group = Group(
                    name: special[g].0, arn: iam("group", special[g].0), id: uniqueID("AGPA"), created: 1500 + g,
                    attached: special[g].1.map { aws($0) })
                if g == 4 {
                    group.inline.append(
                        (
                            "ManageOwnMFA",
                            Self.document([
                                Self.statement(
                                    "Allow",
                                    [
                                        "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices",
                                        "iam:ResyncMFADevice",
                                    ], [iam("mfa", "${aws:username}"), iam("user", "${aws:username}")]),
                                Self.statement("Allow", ["iam:ListVirtualMFADevices"], ["*"]),
                            ])
                        ))
                }
                groups.append(group)
                continue
            }
            let k = g - special.count
            let team = k % Self.teams.count
            let kind = kinds[(k / Self.teams.count) % kinds.count]
            let name = k < Self.teams.count * kinds.count ? "\(Self.teams[team])-\(kind)" : "\(Self.teams[team])-\(kind)-\(g)"
            var group = Group(name: name, arn: iam("group", name), id: uniqueID("AGPA"), created: 100 + rng.below(1400))
            for _ in 0..<(1 + rng.below(2)) { if let p = teamPolicy(team), !group.attached.contains(p) { group.attached.append(p) } }
            let extra: [String: [String]] = [
                "developers": ["ReadOnlyAccess", "CloudWatchReadOnlyAccess", "AWSLambda_ReadOnlyAccess"],
                "data": ["AmazonS3ReadOnlyAccess", "AmazonDynamoDBReadOnlyAccess"],
                "oncall": ["ReadOnlyAccess", "CloudWatchReadOnlyAccess"],
                "analysts": ["AmazonS3ReadOnlyAccess"], "deploy": ["AmazonEC2ReadOnlyAccess", "AWSLambda_ReadOnlyAccess"],
            ]
            if rng.perMille(600), let e = extra[kind] { group.attached.append(aws(rng.pick(e))) }
            if rng.perMille(200) {
                var s = dataStatements(team: team, template: rng.below(7))
                if rng.perMille(120) { s.append(denyStatement()) }
                group.inline.append(("\(name)-inline", Self.document(s)))
            }
            groups.append(group)
            teamGroups.append(g)
        }
    }

    mutating func makeUsers() {
        var taken: Set<String> = []
        for u in 0..<size.users {
            let person = rng.perMille(850)
            let team = rng.below(Self.teams.count)
            var name: String
            if person {
                name = "\(rng.pick(Self.firstNames)).\(rng.pick(Self.lastNames))"
                if !taken.insert(name).inserted { name += "\(u)" }
            } else {
                name = "svc-\(Self.teams[team])-\(["etl", "ci", "backup", "sync", "reports", "webhook"][rng.below(6)])-\(u)"
            }
            let path = person ? "/" : "/service/"
            var p = Principal(
                name: name, path: path, arn: iam("user", name, path: path), id: uniqueID("AIDA"),
                created: 30 + rng.below(1500), team: team, isPerson: person)
            let mine = teamGroups.filter { groups[$0].name.hasPrefix(Self.teams[team] + "-") }
            if person {
                p.tags = [("team", Self.teams[team]), ("email", "\(name)@acme.example")]
                if let g = pickIfAny(mine.isEmpty ? teamGroups : mine) { p.groups.append(g) }
                if groups.count > 4, rng.perMille(600) { p.groups.append(4) }
                if rng.perMille(300), let g = pickIfAny(teamGroups), !p.groups.contains(g) { p.groups.append(g) }
                if groups.count > 2, rng.perMille(50) { p.groups.append(2) }
                if groups.count > 1, rng.perMille(15) { p.groups.append(1) }
                if groups.count > 3, rng.perMille(10) { p.groups.append(3) }
                if groups.count > 0, rng.perMille(5) { p.groups.append(0) }
                if p.groups.isEmpty, !groups.isEmpty { p.groups.append(rng.below(groups.count)) }
                p.groups = Array(p.groups.prefix(3))
                if rng.perMille(50), let pol = teamPolicy(team) { p.attached.append(pol) }
                p.password = rng.perMille(920)
                p.mfa = p.password && rng.perMille(700)
                p.keys = [rng.perMille(400), rng.perMille(30)]
            } else {
                p.tags = [("owner", Self.teams[team])]
                if let g = pickIfAny(mine.isEmpty ? teamGroups : mine) { p.groups.append(g) }
                for _ in 0..<(1 + rng.below(2)) { if let pol = teamPolicy(team), !p.attached.contains(pol) { p.attached.append(pol) } }
                if rng.perMille(100) { p.attached.append(aws("AmazonS3FullAccess")) }
                if rng.perMille(20) { p.attached.append(aws("AdministratorAccess")) }
                p.keys = [true, rng.perMille(200)]
            }
            users.append(p)
        }
        if groups.count > 0, !users.contains(where: { $0.groups.contains(0) }), let k = users.firstIndex(where: \.isPerson) {
            users[k].groups = [0] + users[k].groups.prefix(2)
        }
    }

    mutating func servicePrincipal() -> String {
        var x = rng.below(Self.services.reduce(0) { $0 + $1.weight })
        for s in Self.services {
            if x < s.weight { return s.principal }
            x -= s.weight
        }
        return Self.services[0].principal
    }

    static func trust(_ principal: AWSJSON, action: [String] = ["sts:AssumeRole"], condition: AWSJSON? = nil) -> AWSJSON {
        var fields: [(String, AWSJSON)] = [("Effect", .string("Allow")), ("Principal", principal), ("Action", .list(action))]
        if let condition { fields.append(("Condition", condition)) }
        return document([.object(fields)])
    }

    mutating func addRole(_ name: String, path: String = "/", trust: AWSJSON, team: Int, attached: [Int], service: String? = nil) {
        var r = Principal(
            name: name, path: path, arn: iam("role", name, path: path), id: uniqueID("AROA"), created: 20 + rng.below(1400),
            team: team, attached: attached)
        r.trust = trust
        r.service = service
        r.tags = [("team", Self.teams[team])]
        if let service {
            trusting[service, default: []].append(roles.count)
            r.instanceProfile = service == "ec2.amazonaws.com"
            if let w = Self.workloads[service] {
                let arn: String =
                    switch service {
                    case "ec2.amazonaws.com": w.prefix + "i-0" + hex(16)
                    case "cloudformation.amazonaws.com": w.prefix + name + "/" + hex(8) + "-" + hex(4) + "-11ef-" + hex(4) + "-" + hex(12)
                    case "tasks.apprunner.amazonaws.com": w.prefix + name + "/" + hex(32)
                    default: w.prefix + (name.hasSuffix("-role") ? String(name.dropLast(5)) : name)
                    }
                inventory.append(InventoryEntry(arn: arn, criticality: rng.perMille(100) ? "high" : "medium", runsAs: r.arn))
                workloadTargets.insert(w.target)
                if service == "ec2.amazonaws.com", rng.perMille(300) {
                    inventory.append(
                        InventoryEntry(
                            arn: "arn:aws:ec2:us-east-1:\(acct):launch-template/lt-0\(hex(16))", criticality: "medium", runsAs: r.arn))
                    workloadTargets.insert("ec2:launch-template")
                }
            }
        }
        roles.append(r)
    }

    mutating func makeRoles() {
        let fixed: [(String, AWSJSON, [String], String?)] = [
            (
                "lambda-admin", Self.trust(.object([("Service", .string("lambda.amazonaws.com"))])), ["AdministratorAccess"],
                "lambda.amazonaws.com"
            ),
            (
                "cfn-exec", Self.trust(.object([("Service", .string("cloudformation.amazonaws.com"))])), ["AdministratorAccess"],
                "cloudformation.amazonaws.com"
            ),
            (
                "OrganizationAccountAccessRole", Self.trust(.object([("AWS", .string("arn:aws:iam::\(Self.management):root"))])),
                ["AdministratorAccess"], nil
            ),
            (
                "break-glass", Self.trust(.object([("AWS", .string("arn:aws:iam::\(acct):root"))]), condition: Self.mfaCondition),
                ["AdministratorAccess"], nil
            ),
        ]
        for (k, f) in fixed.prefix(size.roles).enumerated() {
            addRole(f.0, trust: f.1, team: k, attached: f.2.map { aws($0) }, service: f.3)
        }
        if roles.count > 3 { inventory.append(InventoryEntry(arn: roles[3].arn, criticality: "critical")) }
        let ssoProvider = iam("saml-provider", "AWSSSO_\(hex(16))_DO_NOT_DELETE")
        let oidc = iam("oidc-provider", "token.actions.githubusercontent.com")
        for r in fixed.count..<max(fixed.count, size.roles) {
            let team = rng.below(Self.teams.count)
            let t = Self.teams[team]
            var attached: [Int] = []
            for _ in 0..<(1 + rng.below(2)) { if let p = teamPolicy(team), !attached.contains(p) { attached.append(p) } }
            let x = rng.below(1000)
            if x < 450 {
                let service = servicePrincipal()
                let short = Self.services.first { $0.principal == service }?.short ?? "service"
                if service == "lambda.amazonaws.com" { attached.insert(aws("AWSLambdaBasicExecutionRole"), at: 0) }
                if service == "ec2.amazonaws.com" { attached.insert(aws("AmazonSSMManagedInstanceCore"), at: 0) }
                if service == "glue.amazonaws.com" { attached.insert(aws("AWSGlueServiceRole"), at: 0) }
                if rng.perMille(30) { attached.append(aws("PowerUserAccess")) }
                if rng.perMille(10) { attached.append(aws("AdministratorAccess")) }
                addRole(
                    "\(t)-\(short)-\(r)-role", path: rng.perMille(300) ? "/service-role/" : "/",
                    trust: Self.trust(.object([("Service", .string(service))])), team: team, attached: attached, service: service)
            } else if x < 600 {
                let sets: [(String, [Int])] = [
                    ("AdministratorAccess", [aws("AdministratorAccess")]), ("PowerUserAccess", [aws("PowerUserAccess")]),
                    ("ReadOnlyAccess", [aws("ReadOnlyAccess")]), ("\(t.prefix(1).uppercased() + t.dropFirst())Developer", attached),
                ]
                let y = rng.below(100)
                let set = sets[y < 4 ? 0 : y < 15 ? 1 : y < 55 ? 2 : 3]
                addRole(
                    "AWSReservedSSO_\(set.0)_\(hex(16))", path: "/aws-reserved/sso.amazonaws.com/",
                    trust: Self.trust(
                        .object([("Federated", .string(ssoProvider))]), action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
                        condition: .object([("StringEquals", .object([("SAML:aud", .string("https://signin.aws.amazon.com/saml"))]))])),
                    team: team, attached: set.1)
            } else if x < 670 {
                addRole(
                    "github-actions-\(t)-\(r)",
                    trust: Self.trust(
                        .object([("Federated", .string(oidc))]), action: ["sts:AssumeRoleWithWebIdentity"],
                        condition: .object([
                            ("StringEquals", .object([("token.actions.githubusercontent.com:aud", .string("sts.amazonaws.com"))])),
                            (
                                "StringLike",
                                .object([("token.actions.githubusercontent.com:sub", .string("repo:acme/\(t)-service-\(r % 7):*"))])
                            ),
                        ])), team: team, attached: attached)
            } else if x < 770 {
                let partner = rng.pick(Self.partners)
                let principal: AWSJSON =
                    rng.perMille(500) ? .string("arn:aws:iam::\(partner):root") : .string("arn:aws:iam::\(partner):role/\(t)-automation")
                let extra = rng.perMille(500) ? [aws("ReadOnlyAccess")] : rng.perMille(300) ? [aws("SecurityAudit")] : attached
                addRole(
                    "\(t)-crossaccount-\(r)",
                    trust: Self.trust(
                        .object([("AWS", principal)]),
                        condition: .object([("StringEquals", .object([("sts:ExternalId", .string(hex(12)))]))])),
                    team: team, attached: extra)
            } else if x < 850 {
                addRole(
                    "\(t)-access-\(r)", trust: Self.trust(.object([("AWS", .string("arn:aws:iam::\(acct):root"))])), team: team,
                    attached: attached)
            } else if x < 930, roles.count > fixed.count {
                let from = roles[fixed.count + rng.below(roles.count - fixed.count)].arn
                addRole("\(t)-chain-\(r)", trust: Self.trust(.object([("AWS", .string(from))])), team: team, attached: attached)
            } else if !users.isEmpty {
                let who = (0..<(1 + rng.below(2))).map { _ in users[rng.below(users.count)].arn }
                addRole(
                    "\(t)-operator-\(r)", trust: Self.trust(.object([("AWS", .list(Array(Set(who)).sorted()))])), team: team,
                    attached: attached)
            } else {
                addRole(
                    "\(t)-access-\(r)", trust: Self.trust(.object([("AWS", .string("arn:aws:iam::\(acct):root"))])), team: team,
                    attached: attached)
            }
        }
    }

    mutating func makeInlineAndBoundaries() {
        for k in users.indices {
            if rng.perMille(200) { let policy = inlinePolicy(users[k]); users[k].inline.append(policy) }
            if rng.perMille(50), !boundaries.isEmpty { users[k].boundary = rng.pick(boundaries) }
        }
        for k in roles.indices where k >= 4 {
            if rng.perMille(200) { let policy = inlinePolicy(roles[k]); roles[k].inline.append(policy) }
            if rng.perMille(50), !boundaries.isEmpty { roles[k].boundary = rng.pick(boundaries) }
        }
    }

    mutating func inlinePolicy(_ p: Principal) -> (String, AWSJSON) {
        var s = dataStatements(team: p.team, template: rng.below(7))
        if rng.perMille(120) { s.append(denyStatement()) }
        return ("\(Self.teams[p.team])-\(["extra-access", "legacy", "hotfix", "temp-access"][rng.below(4)])", Self.document(s))
    }

    // MARK: Escalations

    /// The statements giving `p` technique `t` on a concrete target, or nil when the account has
    /// nothing it applies to.
    mutating func escalation(_ t: AWSTechnique, for p: Principal, isUser: Bool) -> [AWSJSON]? {
        let on = { (r: String) in [Self.statement("Allow", t.permissions, [r])] }
        switch t.family {
        case .newPassRole where t.passesRole:
            guard let candidates = trusting[t.target], !candidates.isEmpty else { return nil }
            let role = roles[rng.perMille(400) ? candidates[0] : rng.pick(candidates)].arn
            return [
                Self.statement("Allow", ["iam:PassRole"], [role]),
                Self.statement("Allow", t.permissions.filter { $0 != "iam:PassRole" }, ["*"]),
            ]
        case .newPassRole, .existingPassRole:
            guard workloadTargets.contains(t.target) else { return nil }
            let parts = t.target.split(separator: ":", maxSplits: 1).map(String.init)
            let sep = t.target == "lambda:function" ? ":" : "/"
            return on("arn:aws:\(parts[0]):us-east-1:\(acct):\(parts[1])\(sep)*")
        case .selfEscalation:
            switch t.id {
            case "iam-007", "iam-008": return isUser ? on(p.arn) : nil
            case "iam-005", "iam-009": return isUser ? nil : on(p.arn)
            case "iam-010", "iam-011": return isUser && !p.groups.isEmpty ? on(groups[p.groups[0]].arn) : nil
            case "iam-013": return isUser && !groups.isEmpty ? on(groups[0].arn) : nil
            case "iam-001":
                let mine = (p.attached + p.groups.flatMap { groups[$0].attached }).filter { policies[$0].arn.contains(":\(acct):") }
                return mine.first.map { on(policies[$0].arn) }
            default: return nil
            }
        case .principalAccess:
            switch t.id {
            case "iam-002", "iam-003", "iam-004", "iam-006", "iam-015", "iam-018":
                let admins = users.filter { $0.groups.contains(0) && $0.arn != p.arn }
                guard let target = admins.first ?? users.first(where: { $0.arn != p.arn }) else { return nil }
                return on(target.arn)
            case "iam-012", "iam-019", "iam-021":
                return roles.isEmpty ? nil : on(roles[0].arn)
            default: return nil
            }
        }
    }

    mutating func makeEscalations() {
        let lambda001 = AWSTechniques.all.first { $0.id == "lambda-001" }
        var forced = false
        for k in users.indices {
            let isFirst =
                !forced && users[k].isPerson && !users[k].groups.contains(0) && !users[k].groups.contains(1) && users[k].inline.isEmpty
                && users[k].boundary == nil && !roles.isEmpty && k >= users.count / 10
            guard isFirst || rng.perMille(20) else { continue }
            var statements: [AWSJSON]?
            if isFirst, let lambda001 {
                statements = [
                    Self.statement("Allow", ["iam:PassRole"], [roles[0].arn]),
                    Self.statement("Allow", lambda001.permissions.filter { $0 != "iam:PassRole" }, ["*"]),
                ]
                forced = true
            }
            for _ in 0..<10 where statements == nil {
                statements = escalation(rng.pick(AWSTechniques.all), for: users[k], isUser: true)
            }
            if let statements { users[k].inline.append(("\(Self.teams[users[k].team])-automation", Self.document(statements))) }
        }
        for k in roles.indices where k >= 4 && rng.perMille(20) {
            var statements: [AWSJSON]?
            for _ in 0..<10 where statements == nil {
                statements = escalation(rng.pick(AWSTechniques.all), for: roles[k], isUser: false)
            }
            if let statements { roles[k].inline.append(("\(Self.teams[roles[k].team])-automation", Self.document(statements))) }
        }
    }

    // MARK: Writing

    mutating func attachedJSON(_ list: [Int]) -> AWSJSON {
        .array(
            list.map { k in
                policies[k].attachments += 1
                return .object([("PolicyName", .string(policies[k].name)), ("PolicyArn", .string(policies[k].arn))])
            })
    }

    func inlineJSON(_ list: [(String, AWSJSON)]) -> AWSJSON {
        .array(list.map { .object([("PolicyName", .string($0.0)), ("PolicyDocument", $0.1)]) })
    }

    mutating func boundaryJSON(_ b: Int?) -> [(String, AWSJSON)] {
        guard let b else { return [] }
        policies[b].boundaryUses += 1
        return [
            (
                "PermissionsBoundary",
                .object([("PermissionsBoundaryType", .string("Policy")), ("PermissionsBoundaryArn", .string(policies[b].arn))])
            )
        ]
    }

    static func tagsJSON(_ tags: [(String, String)]) -> AWSJSON {
        .array(tags.map { .object([("Key", .string($0.0)), ("Value", .string($0.1))]) })
    }

    mutating func authorizationDetails() -> String {
        var userList: [AWSJSON] = []
        for k in users.indices {
            let u = users[k]
            userList.append(
                .object(
                    [
                        ("Path", .string(u.path)), ("UserName", .string(u.name)), ("UserId", .string(u.id)), ("Arn", .string(u.arn)),
                        ("CreateDate", .string(Self.date(u.created))), ("UserPolicyList", inlineJSON(u.inline)),
                        ("GroupList", .array(u.groups.map { .string(groups[$0].name) })),
                        ("AttachedManagedPolicies", attachedJSON(u.attached)),
                    ] + boundaryJSON(u.boundary) + [("Tags", Self.tagsJSON(u.tags))]))
        }
        var groupList: [AWSJSON] = []
        for k in groups.indices {
            let g = groups[k]
            groupList.append(
                .object([
                    ("Path", .string("/")), ("GroupName", .string(g.name)), ("GroupId", .string(g.id)), ("Arn", .string(g.arn)),
                    ("CreateDate", .string(Self.date(g.created))), ("GroupPolicyList", inlineJSON(g.inline)),
                    ("AttachedManagedPolicies", attachedJSON(g.attached)),
                ]))
        }
        var roleList: [AWSJSON] = []
        for k in roles.indices {
            let r = roles[k]
            let profiles: AWSJSON = .array(
                r.instanceProfile
                    ? [
                        .object([
                            ("Path", .string("/")), ("InstanceProfileName", .string(r.name)),
                            ("InstanceProfileId", .string("AIPA" + r.id.dropFirst(4))),
                            ("Arn", .string(iam("instance-profile", r.name))), ("CreateDate", .string(Self.date(r.created))),
                            ("Roles", .array([])),
                        ])
                    ] : [])
            roleList.append(
                .object(
                    [
                        ("Path", .string(r.path)), ("RoleName", .string(r.name)), ("RoleId", .string(r.id)), ("Arn", .string(r.arn)),
                        ("CreateDate", .string(Self.date(r.created))), ("AssumeRolePolicyDocument", r.trust),
                        ("InstanceProfileList", profiles),
                        ("RolePolicyList", inlineJSON(r.inline)), ("AttachedManagedPolicies", attachedJSON(r.attached)),
                    ] + boundaryJSON(r.boundary) + [
                        ("Tags", Self.tagsJSON(r.tags)),
                        (
                            "RoleLastUsed",
                            .object(
                                k % 3 == 2
                                    ? []
                                    : [
                                        ("LastUsedDate", .string(Self.date(k % 40, minute: k % 500))),
                                        ("Region", .string("us-east-1")),
                                    ])
                        ),
                    ]))
        }
        var policyList: [AWSJSON] = []
        for p in policies where p.attachments + p.boundaryUses > 0 || !p.arn.hasPrefix("arn:aws:iam::aws:") {
            let n = p.versions.count
            let versions: [AWSJSON] = p.versions.enumerated().reversed().map { (k, doc) in
                .object([
                    ("Document", doc), ("VersionId", .string("v\(p.firstVersion + k)")), ("IsDefaultVersion", .bool(k == n - 1)),
                    ("CreateDate", .string(Self.date(max(0, p.created - 30 * k)))),
                ])
            }
            policyList.append(
                .object([
                    ("PolicyName", .string(p.name)), ("PolicyId", .string(uniqueID("ANPA"))),
                    ("Arn", .string(p.arn)), ("Path", .string(p.path)), ("DefaultVersionId", .string("v\(p.firstVersion + n - 1)")),
                    ("AttachmentCount", .int(p.attachments)), ("PermissionsBoundaryUsageCount", .int(p.boundaryUses)),
                    ("IsAttachable", .bool(true)),
                    ("CreateDate", .string(Self.date(p.created))), ("UpdateDate", .string(Self.date(max(0, p.created - 30 * (n - 1))))),
                    ("PolicyVersionList", .array(versions)),
                ]))
        }
        var out = ""
        AWSJSON.object([
            ("UserDetailList", .array(userList)), ("GroupDetailList", .array(groupList)), ("RoleDetailList", .array(roleList)),
            ("Policies", .array(policyList)),
        ]).write(into: &out)
        return out + "\n"
    }

    mutating func credentialReport() -> String {
        var out =
            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
            + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
            + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n"
        out +=
            "<root_account>,arn:aws:iam::\(acct):root,\(Self.date(2000, zulu: false)),not_supported,\(Self.date(90, zulu: false)),not_supported,not_supported,true,"
            + "false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
        let services = ["s3", "sts", "lambda", "dynamodb", "ecr", "ec2", "secretsmanager"]
        for u in users {
            var row = [u.name, u.arn, Self.date(u.created, zulu: false)]
            if u.password {
                row += [
                    "true", rng.perMille(900) ? Self.date(rng.below(60), zulu: false, minute: rng.below(600)) : "no_information",
                    Self.date(rng.below(max(1, u.created)), zulu: false), "N/A",
                ]
            } else {
                row += ["false", "N/A", "N/A", "N/A"]
            }
            row.append(u.mfa ? "true" : "false")
            for slot in 0..<2 {
                if u.keys[slot] {
                    let rotated = rng.below(max(1, u.created))
                    let used = rng.perMille(850)
                    row += [
                        "true", Self.date(rotated, zulu: false),
                        used ? Self.date(rng.below(max(1, rotated)), zulu: false, minute: rng.below(600)) : "N/A",
                        used ? "us-east-1" : "N/A", used ? rng.pick(services) : "N/A",
                    ]
                } else {
                    row += ["false", "N/A", "N/A", "N/A", "N/A"]
                }
            }
            row += ["false", "N/A", "false", "N/A"]
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    mutating func inventoryYAML() -> String {
        var out = "aws_inventory: 1\nresources:\n"
        for e in inventory {
            out += "  - arn: \(e.arn)\n"
            if e.accountless { out += "    account: \"\(acct)\"\n" }
            out += "    criticality: \(e.criticality)\n"
            if let r = e.runsAs { out += "    runs_as: \(r)\n" }
            if !e.tags.isEmpty { out += "    tags: {\(e.tags.map { "\($0.0): \($0.1)" }.joined(separator: ", "))}\n" }
        }
        let keyed = users.filter { !$0.isPerson && $0.keys[0] }
        if !keyed.isEmpty {
            out += "access_keys:\n"
            for u in keyed {
                out += "  - id: \(uniqueID("AKIA").prefix(20))\n    user: \(u.name)\n"
            }
        }
        return out
    }
}
