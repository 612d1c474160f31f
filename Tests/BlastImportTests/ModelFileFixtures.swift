import BlastCore
import BlastImport
import Foundation
import Testing

/// Named model files and the models they stand for.
enum ModelFileFixtures {
    /// Every section and every key of the schema, in YAML.
    static let acmeYAML = """
        version: 1
        identities:
          - id: alice
          - id: deploy-bot
            type: service
            resource: iam/identities/deploy-bot
          - id: ci-runner
            type: workload
        credentials:
          - id: ci-token
            of: deploy-bot
            mfa: false
            stored_in: [wiki/runbooks/deploy]
            created: 2024-02-01
            last_used: 2026-11-01T08:30:00Z
            expires: 2027-01-01
        groups:
          - id: sre
            members: [alice, contractors]
          - id: contractors
        roles:
          - id: prod-admin
            allow:
              - actions: ["*"]
                resources: ["prod"]
              - actions: [read]
                resources: [wiki]
            deny:
              - actions: ["delete"]
                resources: ["prod/backups"]
        grants:
          - to: sre
            role: prod-admin
            scope: prod/db
            not_before: 2026-01-01
            expires: 2026-12-31
            approval: true
            mfa: true
            reviewed: 2026-06-01
        assumes:
          - from: ci-runner
            to: deploy-bot
            expires: 2027-01-01T12:00:00Z
            mfa: true
        resources:
          - id: prod
            criticality: high
          - id: prod/db
            criticality: critical
          - id: prod/backups
          - id: wiki
          - id: wiki/runbooks/deploy
        takeover_actions: ["credentials:create", "impersonate", "iam:PassRole"]
        reveal_actions: ["read", "download"]

        """

    /// `acmeYAML` written as JSON.
    static let acmeJSON = """
        {
          "version": 1,
          "identities": [
            {"id": "alice"},
            {"id": "deploy-bot", "type": "service", "resource": "iam/identities/deploy-bot"},
            {"id": "ci-runner", "type": "workload"}
          ],
          "credentials": [
            {
              "id": "ci-token", "of": "deploy-bot", "mfa": false,
              "stored_in": ["wiki/runbooks/deploy"],
              "created": "2024-02-01", "last_used": "2026-11-01T08:30:00Z", "expires": "2027-01-01"
            }
          ],
          "groups": [{"id": "sre", "members": ["alice", "contractors"]}, {"id": "contractors"}],
          "roles": [
            {
              "id": "prod-admin",
              "allow": [
                {"actions": ["*"], "resources": ["prod"]},
                {"actions": ["read"], "resources": ["wiki"]}
              ],
              "deny": [{"actions": ["delete"], "resources": ["prod/backups"]}]
            }
          ],
          "grants": [
            {
              "to": "sre", "role": "prod-admin", "scope": "prod/db",
              "not_before": "2026-01-01", "expires": "2026-12-31",
              "approval": true, "mfa": true, "reviewed": "2026-06-01"
            }
          ],
          "assumes": [{"from": "ci-runner", "to": "deploy-bot", "expires": "2027-01-01T12:00:00Z", "mfa": true}],
          "resources": [
            {"id": "prod", "criticality": "high"},
            {"id": "prod/db", "criticality": "critical"},
            {"id": "prod/backups"},
            {"id": "wiki"},
            {"id": "wiki/runbooks/deploy"}
          ],
          "takeover_actions": ["credentials:create", "impersonate", "iam:PassRole"],
          "reveal_actions": ["read", "download"]
        }

        """

    /// The model `acmeYAML` describes, without origins.
    static let acme = Model(
        identities: [
            Identity(id: "alice"),
            Identity(id: "deploy-bot", kind: .service, resource: "iam/identities/deploy-bot"),
            Identity(id: "ci-runner", kind: .workload),
        ],
        credentials: [
            Credential(
                id: "ci-token", of: "deploy-bot", storedIn: ["wiki/runbooks/deploy"],
                created: Instant(year: 2024, month: 2, day: 1),
                lastUsed: Instant(year: 2026, month: 11, day: 1, hour: 8, minute: 30),
                expires: Instant(year: 2027, month: 1, day: 1))
        ],
        groups: [Group(id: "sre", members: ["alice", "contractors"]), Group(id: "contractors")],
        roles: [
            Role(
                id: "prod-admin",
                allow: [
                    Statement(actions: ["*"], resources: ["prod"]),
                    Statement(actions: ["read"], resources: ["wiki"]),
                ],
                deny: [Statement(actions: ["delete"], resources: ["prod/backups"])])
        ],
        grants: [
            Grant(
                to: "sre", role: "prod-admin", scope: "prod/db",
                terms: Terms(
                    notBefore: Instant(year: 2026, month: 1, day: 1), expires: Instant(year: 2026, month: 12, day: 31),
                    approval: true, mfa: true),
                reviewed: Instant(year: 2026, month: 6, day: 1))
        ],
        assumes: [
            Assume(
                from: "ci-runner", to: "deploy-bot",
                terms: Terms(expires: Instant(year: 2027, month: 1, day: 1, hour: 12), mfa: true))
        ],
        resources: [
            Resource(id: "prod", criticality: .high),
            Resource(id: "prod/db", criticality: .critical),
            Resource(id: "prod/backups"),
            Resource(id: "wiki"),
            Resource(id: "wiki/runbooks/deploy"),
        ],
        takeoverActions: ["credentials:create", "impersonate", "iam:PassRole"],
        revealActions: ["read", "download"])

    /// Decodes `body` after a `version: 1` line, as `file`.
    static func decode(_ body: String, file: String = "acme.yaml") throws -> Model {
        try NativeFormat.decode(text: "version: 1\n" + body, file: file)
    }

    /// The error decoding `text` throws; records an issue when it throws none.
    static func decodeError(
        _ text: String, file: String = "acme.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ImportError {
        try #require(throws: ImportError.self, sourceLocation: sourceLocation) {
            try NativeFormat.decode(text: text, file: file)
        }
    }
}

/// A fresh directory under the system's temporary directory, removed when released.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("blast-import-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` in this directory and returns the file's path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// The error loading `files` (name, text) throws; records an issue when it throws none.
    func loadError(
        _ files: [(String, String)], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ImportError {
        var paths: [String] = []
        for (name, text) in files { paths.append(try write(name, text)) }
        return try #require(throws: ImportError.self, sourceLocation: sourceLocation) {
            try ModelSources.load(paths: paths).model
        }
    }
}

extension Model {
    /// The model with every `origin` removed, for comparing content only.
    var withoutOrigins: Model {
        var model = self
        for i in model.identities.indices { model.identities[i].origin = nil }
        for i in model.credentials.indices { model.credentials[i].origin = nil }
        for i in model.groups.indices { model.groups[i].origin = nil }
        for i in model.roles.indices {
            model.roles[i].origin = nil
            for j in model.roles[i].allow.indices { model.roles[i].allow[j].origin = nil }
            for j in model.roles[i].deny.indices { model.roles[i].deny[j].origin = nil }
        }
        for i in model.grants.indices { model.grants[i].origin = nil }
        for i in model.assumes.indices { model.assumes[i].origin = nil }
        for i in model.resources.indices { model.resources[i].origin = nil }
        return model
    }
}
