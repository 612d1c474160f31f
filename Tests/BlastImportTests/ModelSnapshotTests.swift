import BlastCore
@testable import BlastImport
import BlastTestSupport
import Foundation
import Testing

/// Named models and files for the snapshot tests.
enum SnapshotFixtures {
    /// The bundled samples, each a set of files loaded together.
    static let samples: [[String]] = [
        [Fixtures.acmePath],
        KubernetesSamples.aws,
        [KubernetesSamples.cluster, KubernetesSamples.kubeconfig],
    ]

    /// Every field set at least once, every enum case, and origins of every shape: none, with
    /// and without a line, and key paths that do and do not end in a plain `[n]`.
    static func everyField() -> Model {
        func at(_ keyPath: String, line: Int? = nil, file: String = "every.yaml") -> BlastCore.SourceLocation {
            SourceLocation(file: file, line: line, keyPath: keyPath)
        }
        let day = Instant(year: 2026, month: 3, day: 1)
        return Model(
            identities: [
                Identity(id: "alice", origin: at("identities[0]")),
                Identity(id: "svc", kind: .service, resource: "iam/svc", origin: at("identities[1]")),
                Identity(id: "bot", kind: .agent, origin: at("identities[2]")),
                Identity(id: "pod", kind: .workload, origin: at("identities[4]")),
                Identity(id: "zoë/文件", origin: nil),
                Identity(id: "nil-origin", origin: nil),
                Identity(id: "lined", origin: at("identities[6]", line: 42)),
                Identity(id: "lined-2", origin: at("identities[7]", line: 43)),
            ],
            credentials: [
                Credential(
                    id: "key", of: "svc", mfa: true, storedIn: ["wiki/a", "chat/b"], created: Instant(secondsSinceEpoch: -86_400),
                    lastUsed: day, expires: Instant(secondsSinceEpoch: Int64.max), origin: at("credentials[0]", file: "other.json")),
                Credential(id: "bare", of: "alice", origin: at("")),
            ],
            groups: [
                Group(id: "sre", members: ["alice", "ops"], origin: at("groups[01]")),
                Group(id: "ops", members: [], origin: at("groups[4294967294]")),
                Group(id: "huge", members: ["sre"], origin: at("groups[4294967295]")),
            ],
            roles: [
                Role(
                    id: "admin",
                    allow: [
                        Statement(
                            actions: ["*"], resources: ["prod"], exceptActions: ["delete"], exceptResources: ["prod/keep"],
                            origin: at("roles[0].allow[0]")),
                        Statement(actions: ["read", "list"], resources: ["wiki"], origin: at("roles[0].allow[1]")),
                    ],
                    deny: [Statement(actions: ["write"], resources: ["prod/db"], origin: at("roles[0].deny[0]"))],
                    origin: at("roles[0]")),
                Role(id: "empty", origin: at("[3]")),
                Role(id: "odd", allow: [Statement(actions: ["a"], resources: ["b"], origin: at("x[2].y"))], origin: at("weird]")),
            ],
            grants: [
                Grant(
                    to: "sre", role: "admin", scope: "prod/eu",
                    terms: Terms(
                        notBefore: day, expires: day.adding(days: 30), approval: true, mfa: true, condition: "aws:SourceIp 10.0.0.0/8"),
                    reviewed: day.adding(days: -400), origin: at("grants[0]")),
                Grant(to: "alice", role: "empty", origin: at("grants[1]")),
            ],
            assumes: [
                Assume(from: "bot", to: "svc", terms: Terms(approval: true), origin: at("assumes[0]")),
                Assume(from: "sre", to: "svc", terms: Terms(mfa: true, condition: ""), origin: nil),
            ],
            resources: [
                Resource(id: "prod", criticality: .critical, origin: at("resources[0]")),
                Resource(id: "prod/db", criticality: .high, origin: at("resources[1]")),
                Resource(id: "wiki", criticality: .medium, origin: at("resources[2]")),
                Resource(id: "iam/svc", origin: at("resources[3]")),
                Resource(id: "wiki/a", origin: at("resources[4]")),
                Resource(id: "chat/b", origin: at("resources[5]")),
            ],
            escalations: [
                Escalation(
                    technique: "pass-and-run",
                    requires: [.init(action: "iam:PassRole", resource: "iam/svc"), .init(action: "run", resource: "prod")],
                    to: "svc", from: "sre", terms: Terms(mfa: true), origin: at("escalations[0]")),
                Escalation(technique: "plain", requires: [.init(action: "read", resource: "wiki")], to: "bot"),
            ],
            takeoverActions: [],
            revealActions: ["read", "download"])
    }
}

@Suite("Model snapshots read back exactly")
struct ModelSnapshotTests {
    let directory: ScratchDirectory

    init() throws {
        directory = try ScratchDirectory()
    }

    /// Writes `model`'s snapshot under `name` and returns the path.
    func write(_ model: Model, as name: String) throws -> String {
        let path = directory.url.appendingPathComponent(name).path
        try Data(ModelSnapshot.bytes(model)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a sample loads from its snapshot as the same model", arguments: SnapshotFixtures.samples)
    func sample(_ paths: [String]) throws {
        let original = try ModelSources.load(paths: paths).model
        let snapshot = try write(original, as: "sample.snap")
        let reread = try ModelSources.load(paths: [snapshot]).model
        #expect(reread == original)
        #expect(ModelJSONWriter.json(reread) == ModelJSONWriter.json(original))
    }

    @Test("every field, enum case and origin shape survives")
    func everyField() throws {
        let model = SnapshotFixtures.everyField()
        let reread = try ModelSnapshot.model(from: Data(ModelSnapshot.bytes(model)), file: "every.snap")
        #expect(reread == model)
    }

    @Test("a model decoded from YAML keeps its lines and key paths")
    func yamlOrigins() throws {
        let model = try ModelSources.load(paths: [try directory.write("acme.yaml", ModelFileFixtures.acmeYAML)]).model
        let reread = try ModelSnapshot.model(from: Data(ModelSnapshot.bytes(model)), file: "acme.snap")
        #expect(reread == model)
        #expect(reread.roles[0].deny[0].origin == model.roles[0].deny[0].origin)
        #expect(reread.grants[0].origin?.line != nil)
    }

    @Test("the same model gives byte-identical snapshots, also after a round trip")
    func deterministic() throws {
        let model = try ModelSources.load(paths: [Fixtures.acmePath]).model
        let first = ModelSnapshot.bytes(model)
        #expect(ModelSnapshot.bytes(model) == first)
        let reread = try ModelSnapshot.model(from: Data(first), file: "acme.snap")
        #expect(ModelSnapshot.bytes(reread) == first)
    }

    @Test("consecutive key paths of one file take one origin run, not one string each")
    func originRuns() throws {
        let model = Model(
            identities: (0..<1000).map {
                Identity(id: "u\($0)", origin: BlastCore.SourceLocation(file: "big.json", keyPath: "identities[\($0)]"))
            })
        let bytes = ModelSnapshot.bytes(model)
        #expect(bytes.count < 1000 * 9 + 1000 * 9 + 400)
        #expect(try ModelSnapshot.model(from: Data(bytes), file: "big.snap") == model)
    }

    @Test("a snapshot is recognised by its magic bytes, whatever its name")
    func recognisedByContent() throws {
        let path = try write(SnapshotFixtures.everyField(), as: "looks-like.yaml")
        let file = try ModelSources.read(path)
        #expect(file.snapshot != nil)
        #expect(ModelSources.format(of: file) == "native")
        #expect(try ModelSources.load(paths: [path]).model == SnapshotFixtures.everyField())
    }

    @Test("a snapshot mixed with model files merges as the files it came from, in file order")
    func mixed() throws {
        let people = try directory.write(
            "people.yaml",
            """
            version: 1
            identities: [{id: alice}, {id: bob}]
            groups: [{id: sre, members: [alice]}]
            takeover_actions: [impersonate, assume]
            """)
        let access = try directory.write(
            "access.json",
            """
            {"version": 1,
             "identities": [{"id": "carol"}],
             "roles": [{"id": "admin", "allow": [{"actions": "*", "resources": "prod"}]}],
             "grants": [{"to": "sre", "role": "admin"}],
             "takeover_actions": ["passrole"]}
            """)
        let both = try ModelSources.load(paths: [people, access]).model
        /// The model of one file, unvalidated, as the native importer reads it.
        func model(of path: String) throws -> Model {
            var context = ImportContext()
            return try NativeFormat.importModel(files: [try ModelSources.read(path)], context: &context)
        }
        let peopleSnapshot = try write(try model(of: people), as: "people.snap")
        #expect(try ModelSources.load(paths: [peopleSnapshot, access]).model == both)
        let accessSnapshot = try write(try model(of: access), as: "access.snap")
        #expect(try ModelSources.load(paths: [people, accessSnapshot]).model == both)
    }

    @Test("every enum case has its own byte, and the reader's tables invert the writer's codes")
    func enumCodes() {
        #expect(IdentityKind.allCases.allSatisfy { SnapshotFormat.identityKinds[Int(SnapshotWriter.code($0))] == $0 })
        #expect(Criticality.allCases.allSatisfy { SnapshotFormat.criticalities[Int(SnapshotWriter.code($0))] == $0 })
        #expect(SnapshotFormat.identityKinds.count == IdentityKind.allCases.count)
        #expect(SnapshotFormat.criticalities.count == Criticality.allCases.count)
    }

    @Test(
        "a key path splits around its last plain [n] only when it prints back the same",
        arguments: [
            ("grants[3]", "grants", UInt32(3), ""),
            ("roles[2].allow[0]", "roles[2].allow", 0, ""),
            ("x[2].y", "x", 2, ".y"),
        ] as [(String, String, UInt32, String)])
    func split(_ keyPath: String, prefix: String, number: UInt32, suffix: String) throws {
        let parts = try #require(SnapshotWriter.split(keyPath))
        #expect(parts.0 == prefix && parts.1 == number && parts.2 == suffix)
    }

    @Test(
        "key paths that would not print back the same stay whole",
        arguments: ["", "grants", "a[01]", "a[]", "a[4294967295]", "weird]", "a[x]"])
    func noSplit(_ keyPath: String) {
        #expect(SnapshotWriter.split(keyPath) == nil)
    }
}
