import BlastCore
import Foundation

/// Named model builders for tests: each builds the smallest organisation that shows one rule.
public enum Fixtures {
    /// 2026-11-23, the instant every fixture is judged at unless a test says otherwise.
    public static let now = Instant(year: 2026, month: 11, day: 23)

    public static func options(at: Instant = now, mfa: Bool = false, withApprovals: Bool = false) -> QueryOptions {
        QueryOptions(at: at, mfa: mfa, withApprovals: withApprovals)
    }

    public static func date(_ text: String) -> Instant {
        guard let i = Instant(iso8601: text) else { preconditionFailure("fixture date '\(text)' is not ISO 8601") }
        return i
    }

    /// `ops` holds `*` on `prod` with a deny of `delete` on `prod/backups`.
    public static func denyOnBackups() -> Model {
        Model(
            identities: [Identity(id: "ops")],
            roles: [
                Role(
                    id: "prod-admin", allow: [Statement(actions: ["*"], resources: ["prod"])],
                    deny: [Statement(actions: ["delete"], resources: ["prod/backups"])])
            ],
            grants: [Grant(to: "ops", role: "prod-admin")],
            resources: [
                Resource(id: "prod", criticality: .high), Resource(id: "prod/backups", criticality: .critical),
                Resource(id: "prod/db", criticality: .critical), Resource(id: "staging"),
            ])
    }

    /// `dev` reads `prod/eu` through a role on `prod` scoped to `prod/eu`.
    public static func scopedRead() -> Model {
        Model(
            identities: [Identity(id: "dev")],
            roles: [Role(id: "reader", allow: [Statement(actions: ["read"], resources: ["prod"])])],
            grants: [Grant(to: "dev", role: "reader", scope: "prod/eu")],
            resources: [
                Resource(id: "prod"), Resource(id: "prod/eu"), Resource(id: "prod/eu/db", criticality: .critical),
                Resource(id: "prod/us/db", criticality: .critical), Resource(id: "prod-eu"),
            ])
    }

    /// alice ∈ sre ∈ engineering ∈ sre (a cycle); engineering holds `wiki-reader`.
    public static func nestedGroups() -> Model {
        Model(
            identities: [Identity(id: "alice")],
            groups: [Group(id: "sre", members: ["alice", "engineering"]), Group(id: "engineering", members: ["sre"])],
            roles: [Role(id: "wiki-reader", allow: [Statement(actions: ["read"], resources: ["wiki"])])],
            grants: [Grant(to: "engineering", role: "wiki-reader")],
            resources: [Resource(id: "wiki/runbooks")])
    }

    /// bob holds `debug` on `prod` from 2026-11-01 until 2026-12-31.
    public static func timeBound() -> Model {
        Model(
            identities: [Identity(id: "bob")],
            roles: [Role(id: "debug", allow: [Statement(actions: ["read"], resources: ["prod"])])],
            grants: [Grant(to: "bob", role: "debug", terms: Terms(notBefore: date("2026-11-01"), expires: date("2026-12-31")))],
            resources: [Resource(id: "prod/db", criticality: .critical)])
    }

    /// oncall holds an approval-gated break-glass role on prod, and a standing read of `wiki`.
    public static func breakGlass() -> Model {
        Model(
            identities: [Identity(id: "frank")],
            groups: [Group(id: "oncall", members: ["frank"])],
            roles: [
                Role(id: "break-glass", allow: [Statement(actions: ["*"], resources: ["prod"])]),
                Role(id: "wiki-reader", allow: [Statement(actions: ["read"], resources: ["wiki"])]),
            ],
            grants: [
                Grant(to: "oncall", role: "break-glass", terms: Terms(approval: true)),
                Grant(to: "frank", role: "wiki-reader"),
            ],
            resources: [Resource(id: "prod/db", criticality: .critical), Resource(id: "wiki/home")])
    }

    /// alice's admin grant needs MFA; her API key carries none, her SSO session does.
    public static func mfaGated() -> Model {
        Model(
            identities: [Identity(id: "alice")],
            credentials: [Credential(id: "alice-key", of: "alice"), Credential(id: "alice-sso", of: "alice", mfa: true)],
            roles: [Role(id: "admin", allow: [Statement(actions: ["*"], resources: ["prod"])])],
            grants: [Grant(to: "alice", role: "admin", terms: Terms(mfa: true))],
            resources: [Resource(id: "prod/db", criticality: .critical)])
    }

    /// A deploy token pasted in a wiki page every engineer (incl. contractor dave) can read.
    public static func wikiLeaksDeployToken() -> Model {
        Model(
            identities: [Identity(id: "dave"), Identity(id: "deploy-bot", kind: .service)],
            credentials: [Credential(id: "deploy-token", of: "deploy-bot", storedIn: ["wiki/runbooks/deploy"])],
            groups: [Group(id: "engineering", members: ["dave"])],
            roles: [
                Role(id: "wiki-reader", allow: [Statement(actions: ["read"], resources: ["wiki"])]),
                Role(id: "deployer", allow: [Statement(actions: ["deploy"], resources: ["prod/app"])]),
            ],
            grants: [Grant(to: "engineering", role: "wiki-reader"), Grant(to: "deploy-bot", role: "deployer")],
            resources: [Resource(id: "wiki/runbooks/deploy"), Resource(id: "prod/app", criticality: .high)])
    }

    /// ci-runner may create credentials for backup-svc, which reads the database.
    public static func takeoverOfBackupService() -> Model {
        Model(
            identities: [
                Identity(id: "ci-runner", kind: .service),
                Identity(id: "backup-svc", kind: .service, resource: "iam/identities/backup-svc"),
            ],
            roles: [
                Role(id: "ci", allow: [Statement(actions: ["credentials:create"], resources: ["iam/identities/backup-svc"])]),
                Role(id: "backup", allow: [Statement(actions: ["read"], resources: ["prod/db"])]),
            ],
            grants: [Grant(to: "ci-runner", role: "ci"), Grant(to: "backup-svc", role: "backup")],
            resources: [Resource(id: "prod/db", criticality: .critical)])
    }

    /// billing-svc and reporting-svc may assume each other; only reporting reads the warehouse.
    public static func assumeCycle() -> Model {
        Model(
            identities: [Identity(id: "billing-svc", kind: .service), Identity(id: "reporting-svc", kind: .service)],
            roles: [Role(id: "warehouse-reader", allow: [Statement(actions: ["read"], resources: ["warehouse"])])],
            grants: [Grant(to: "reporting-svc", role: "warehouse-reader")],
            assumes: [Assume(from: "billing-svc", to: "reporting-svc"), Assume(from: "reporting-svc", to: "billing-svc")],
            resources: [Resource(id: "warehouse/sales", criticality: .high)])
    }

    /// The repository's root folder, found from this source file's location.
    public static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The bundled sample organisation.
    public static var acmePath: String { repositoryRoot + "/samples/acme.yaml" }

    public static func compile(_ model: Model) -> AccessGraph {
        do {
            return try AccessGraph.compile(model)
        } catch {
            preconditionFailure("fixture does not compile: \(error)")
        }
    }
}

extension AccessGraph {
    /// Test convenience: the start for an id that must exist.
    public func startFor(_ id: String, mfa: Bool = false) -> Start {
        do {
            return try start(from: id, mfa: mfa)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// Test convenience: the resource for an id that must exist.
    public func resourceFor(_ id: String) -> ResourceID {
        guard case .resource(let r) = element(named: id) else { preconditionFailure("no resource '\(id)'") }
        return r
    }

    /// Ids of the resources a radius reaches, in hierarchy order.
    public func ids(_ resources: [Radius.ReachedResource]) -> [String] {
        resources.map { self.resources[$0.resource.index].id }
    }
}

extension Fixtures {
    /// dev may pass the admin role and create functions: together they yield lambda-admin.
    public static func passRoleEscalation() -> Model {
        Model(
            identities: [Identity(id: "dev"), Identity(id: "lambda-admin", kind: .service)],
            roles: [
                Role(
                    id: "dev-role",
                    allow: [
                        Statement(actions: ["iam:PassRole"], resources: ["iam/roles/admin"]),
                        Statement(actions: ["lambda:CreateFunction"], resources: ["lambda"]),
                    ]),
                Role(id: "admin", allow: [Statement(actions: ["*"], resources: ["prod"])]),
            ],
            grants: [Grant(to: "dev", role: "dev-role"), Grant(to: "lambda-admin", role: "admin")],
            resources: [
                Resource(id: "iam/roles/admin"), Resource(id: "lambda/functions"), Resource(id: "prod/db", criticality: .critical),
            ],
            escalations: [
                Escalation(
                    technique: "lambda-001",
                    requires: [
                        .init(action: "iam:PassRole", resource: "iam/roles/admin"),
                        .init(action: "lambda:CreateFunction", resource: "lambda/functions"),
                    ], to: "lambda-admin")
            ])
    }
}

extension Fixtures {
    /// Two leaked keys (ann's, ben's) both reach the database only through the `dba` group, which
    /// holds two grants through `platform`; ann also reads a wiki page holding carl's token (carl
    /// is in `dba` too). The minimum unit-cost cut is the one membership of `dba` in `platform`.
    public static func funnel() -> Model {
        Model(
            identities: [Identity(id: "ann"), Identity(id: "ben"), Identity(id: "carl")],
            credentials: [
                Credential(id: "ann-key", of: "ann"), Credential(id: "ben-key", of: "ben"),
                Credential(id: "carl-token", of: "carl", storedIn: ["wiki/page"]),
            ],
            groups: [Group(id: "dba", members: ["ann", "ben", "carl"]), Group(id: "platform", members: ["dba"])],
            roles: [
                Role(id: "db-read", allow: [Statement(actions: ["read"], resources: ["prod/db"])]),
                Role(id: "db-write", allow: [Statement(actions: ["write"], resources: ["prod/db"])]),
                Role(id: "wiki", allow: [Statement(actions: ["read"], resources: ["wiki"])]),
            ],
            grants: [
                Grant(to: "platform", role: "db-read"), Grant(to: "platform", role: "db-write"),
                Grant(to: "ann", role: "wiki"),
            ],
            resources: [Resource(id: "prod/db", criticality: .critical), Resource(id: "wiki/page")])
    }
}
