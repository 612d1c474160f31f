import BlastCore

/// Named organisations for the least-privilege audit: each shows one rule firing or not.
public enum AuditFixtures {
    /// `deploy-token` of deploy-bot exists but has no copy anywhere.
    public static func unsharedDeployToken() -> Model {
        var m = Fixtures.wikiLeaksDeployToken()
        m.credentials[0].storedIn = []
        return m
    }

    /// `ci` (a service) holds `*` on `s3/*`; `reader` (a service) reads `logs`; one critical resource.
    public static func wildcardService() -> Model {
        Model(
            identities: [Identity(id: "ci", kind: .service), Identity(id: "reader", kind: .service)],
            roles: [
                Role(id: "everything-s3", allow: [Statement(actions: ["*"], resources: ["s3/*"])]),
                Role(id: "log-reader", allow: [Statement(actions: ["read"], resources: ["logs"])]),
            ],
            grants: [Grant(to: "ci", role: "everything-s3"), Grant(to: "reader", role: "log-reader")],
            resources: [Resource(id: "s3/assets"), Resource(id: "logs/app"), Resource(id: "prod/db", criticality: .critical)])
    }

    /// `exporter` (a workload) reads the only critical resource with literal permissions.
    public static func narrowButCriticalWorkload() -> Model {
        Model(
            identities: [Identity(id: "exporter", kind: .workload)],
            roles: [Role(id: "db-reader", allow: [Statement(actions: ["read"], resources: ["prod/db"])])],
            grants: [Grant(to: "exporter", role: "db-reader")],
            resources: [Resource(id: "prod/db", criticality: .critical)])
    }

    /// Three agents: `summarizer` reads tickets; `remediator` reads standing and closes only once
    /// approved; `closer` closes tickets with standing access.
    public static func agents() -> Model {
        Model(
            identities: [
                Identity(id: "summarizer", kind: .agent), Identity(id: "remediator", kind: .agent),
                Identity(id: "closer", kind: .agent),
            ],
            roles: [
                Role(id: "ticket-reader", allow: [Statement(actions: ["read", "s3:Get*"], resources: ["tickets"])]),
                Role(id: "ticket-resolver", allow: [Statement(actions: ["close", "write"], resources: ["tickets"])]),
            ],
            grants: [
                Grant(to: "summarizer", role: "ticket-reader"), Grant(to: "remediator", role: "ticket-reader"),
                Grant(to: "remediator", role: "ticket-resolver", terms: Terms(approval: true)),
                Grant(to: "closer", role: "ticket-resolver"),
            ],
            resources: [Resource(id: "tickets/support", criticality: .medium), Resource(id: "tickets/security", criticality: .high)])
    }

    /// dave's debug grant expired on 2026-06-30, his key on 2026-05-31, and ops' assume of
    /// deploy-bot on 2026-03-31; all still declared.
    public static func expiredLeftovers() -> Model {
        Model(
            identities: [Identity(id: "dave"), Identity(id: "ops"), Identity(id: "deploy-bot", kind: .service)],
            credentials: [Credential(id: "dave-old-key", of: "dave", expires: Fixtures.date("2026-05-31"))],
            roles: [Role(id: "debug", allow: [Statement(actions: ["read"], resources: ["prod"])])],
            grants: [Grant(to: "dave", role: "debug", terms: Terms(expires: Fixtures.date("2026-06-30")))],
            assumes: [Assume(from: "ops", to: "deploy-bot", terms: Terms(expires: Fixtures.date("2026-03-31")))],
            resources: [Resource(id: "prod/db", criticality: .critical)])
    }

    /// Grants on the critical `prod/db`: `never` never reviewed, `recent` reviewed 2026-11-13,
    /// `old` reviewed 2026-05-01; `low` reads only a low resource and was never reviewed.
    public static func reviews() -> Model {
        Model(
            identities: [Identity(id: "never"), Identity(id: "recent"), Identity(id: "old"), Identity(id: "low")],
            roles: [
                Role(id: "db-reader", allow: [Statement(actions: ["read"], resources: ["prod/db"])]),
                Role(id: "wiki-reader", allow: [Statement(actions: ["read"], resources: ["wiki"])]),
            ],
            grants: [
                Grant(to: "never", role: "db-reader"),
                Grant(to: "recent", role: "db-reader", reviewed: Fixtures.date("2026-11-13")),
                Grant(to: "old", role: "db-reader", reviewed: Fixtures.date("2026-05-01")),
                Grant(to: "low", role: "wiki-reader"),
            ],
            resources: [Resource(id: "prod/db", criticality: .critical), Resource(id: "wiki/home")])
    }

    /// Keys of `svc`: `stale-key` last used 2025-02-14, `fresh-key` created and used recently,
    /// `old-key` created 2024-01-01 but used yesterday, `idle-key` created 2026-01-01 and never used.
    public static func credentialAges() -> Model {
        Model(
            identities: [Identity(id: "svc", kind: .service)],
            credentials: [
                Credential(id: "stale-key", of: "svc", created: Fixtures.date("2024-11-01"), lastUsed: Fixtures.date("2025-02-14")),
                Credential(id: "fresh-key", of: "svc", created: Fixtures.date("2026-10-01"), lastUsed: Fixtures.date("2026-11-22")),
                Credential(id: "old-key", of: "svc", created: Fixtures.date("2024-01-01"), lastUsed: Fixtures.date("2026-11-22")),
                Credential(id: "idle-key", of: "svc", created: Fixtures.date("2026-01-01")),
            ],
            roles: [Role(id: "reader", allow: [Statement(actions: ["read"], resources: ["logs"])])],
            grants: [Grant(to: "svc", role: "reader")],
            resources: [Resource(id: "logs/app")])
    }

    /// Humans in `admins` may assume `root-bot` (which holds `*` on prod) without MFA; `careful`
    /// humans may assume it only with MFA.
    public static func assumeAdminWithoutMFA() -> Model {
        Model(
            identities: [Identity(id: "erin"), Identity(id: "frank"), Identity(id: "root-bot", kind: .service)],
            groups: [Group(id: "admins", members: ["erin"]), Group(id: "careful", members: ["frank"])],
            roles: [Role(id: "root", allow: [Statement(actions: ["*"], resources: ["prod"])])],
            grants: [Grant(to: "root-bot", role: "root")],
            assumes: [Assume(from: "admins", to: "root-bot"), Assume(from: "careful", to: "root-bot", terms: Terms(mfa: true))],
            resources: [Resource(id: "prod/db", criticality: .critical)])
    }

    /// `ci` (a service) holds a role with a build statement (`*` on `repos/*`) and a key-rotation
    /// statement (`credentials:*` on backup-svc's identity).
    public static func ciWithTwoStatements() -> Model {
        Model(
            identities: [Identity(id: "ci", kind: .service), Identity(id: "backup-svc", kind: .service, resource: "iam/backup-svc")],
            roles: [
                Role(
                    id: "ci-pipeline",
                    allow: [
                        Statement(actions: ["*"], resources: ["repos/*"]),
                        Statement(actions: ["credentials:*"], resources: ["iam/backup-svc"]),
                    ])
            ],
            grants: [Grant(to: "ci", role: "ci-pipeline")],
            resources: [Resource(id: "repos/web"), Resource(id: "repos/api"), Resource(id: "iam/backup-svc", criticality: .high)])
    }
}
