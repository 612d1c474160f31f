import BlastCore
import BlastImport
import Testing

@Suite("ModelWriter writes the native schema")
struct ModelWriterTests {
    @Test func roundTripKeepsTheModel() throws {
        let text = ModelWriter.yaml(ModelFileFixtures.acme)
        let model = try NativeFormat.decode(text: text, file: "written.yaml")
        #expect(model.withoutOrigins == ModelFileFixtures.acme)
    }

    @Test func roundTripOfTheDecodedFileKeepsTheModel() throws {
        let decoded = try NativeFormat.decode(text: ModelFileFixtures.acmeYAML, file: "acme.yaml")
        let again = try NativeFormat.decode(text: ModelWriter.yaml(decoded), file: "written.yaml")
        #expect(again.withoutOrigins == decoded.withoutOrigins)
    }

    @Test func writesSectionsAndKeysInSchemaOrder() {
        let model = Model(
            identities: [Identity(id: "bot", kind: .service, resource: "iam/bot")],
            credentials: [Credential(id: "key", of: "bot", mfa: true, storedIn: ["wiki"])],
            groups: [Group(id: "sre", members: ["bot"])],
            roles: [Role(id: "admin", allow: [Statement(actions: ["*"], resources: ["prod"])])],
            grants: [Grant(to: "sre", role: "admin", scope: "prod/eu", terms: Terms(approval: true))],
            assumes: [Assume(from: "sre", to: "bot")],
            resources: [Resource(id: "prod", criticality: .critical)],
            revealActions: ["read", "download"])
        #expect(
            ModelWriter.yaml(model) == """
                version: 1

                identities:
                - id: bot
                  type: service
                  resource: iam/bot

                credentials:
                - id: key
                  of: bot
                  mfa: true
                  stored_in: [wiki]

                groups:
                - id: sre
                  members: [bot]

                roles:
                - id: admin
                  allow:
                  - actions: ['*']
                    resources: [prod]

                grants:
                - to: sre
                  role: admin
                  scope: prod/eu
                  approval: true

                assumes:
                - from: sre
                  to: bot

                resources:
                - id: prod
                  criticality: critical

                reveal_actions: [read, download]

                """)
    }

    @Test func omitsDefaults() {
        let model = Model(
            identities: [Identity(id: "alice", kind: .human)],
            credentials: [Credential(id: "key", of: "alice", mfa: false, storedIn: [])],
            grants: [Grant(to: "alice", role: "admin", terms: .standing)],
            resources: [Resource(id: "prod", criticality: .low)])
        #expect(
            ModelWriter.yaml(model) == """
                version: 1

                identities:
                - id: alice

                credentials:
                - id: key
                  of: alice

                grants:
                - to: alice
                  role: admin

                resources:
                - id: prod

                """)
    }

    @Test func emptyModelIsJustTheVersion() {
        #expect(ModelWriter.yaml(Model()) == "version: 1\n")
    }

    @Test func emptyActionListsAreWrittenBecauseTheyAreNotTheDefault() throws {
        let model = Model(takeoverActions: [], revealActions: [])
        #expect(ModelWriter.yaml(model) == "version: 1\n\ntakeover_actions: []\n\nreveal_actions: []\n")
        #expect(try NativeFormat.decode(text: ModelWriter.yaml(model), file: "x.yaml") == model)
    }

    @Test func datesAtMidnightAreWrittenAsDatesAndOthersAsDateTimes() {
        let model = Model(credentials: [
            Credential(
                id: "key", of: "alice", created: Instant(year: 2024, month: 2, day: 1),
                expires: Instant(year: 2027, month: 1, day: 1, hour: 10, minute: 5, second: 9))
        ])
        let text = ModelWriter.yaml(model)
        #expect(text.contains("  created: 2024-02-01\n"))
        #expect(text.contains("  expires: 2027-01-01T10:05:09Z\n"))
    }

    @Test(arguments: [
        ("prod/eu", "prod/eu"),
        ("*", "'*'"),
        ("yes", "'yes'"),
        ("no", "'no'"),
        ("true", "'true'"),
        ("null", "'null'"),
        ("~", "'~'"),
        ("123", "'123'"),
        ("1.5", "'1.5'"),
        ("2026-01-01", "'2026-01-01'"),
        ("a: b", "'a: b'"),
        ("x #y", "'x #y'"),
        ("#x", "'#x'"),
        ("- x", "'- x'"),
        ("[x", "'[x'"),
        ("{x", "'{x'"),
        ("&x", "'&x'"),
        ("!x", "'!x'"),
        ("@x", "'@x'"),
        ("%x", "'%x'"),
        ("'x", "'''x'"),
        ("", "''"),
        (" padded ", "' padded '"),
    ])
    func stringsAreQuotedWhenYAMLWouldReadThemOtherwise(value: String, written: String) throws {
        let model = Model(grants: [Grant(to: "alice", role: "admin", scope: value)])
        let text = ModelWriter.yaml(model)
        #expect(text.contains("  scope: \(written)\n"))
        let decoded = try NativeFormat.decode(text: text, file: "x.yaml")
        #expect(decoded.grants.map(\.scope) == [value])
    }

    @Test func flowListItemsAreQuotedWhenTheyHoldFlowIndicators() throws {
        let model = Model(roles: [Role(id: "r", allow: [Statement(actions: ["s3:Get*", "a,b"], resources: ["[x]", "c"])])])
        let text = ModelWriter.yaml(model)
        #expect(text.contains("- actions: ['s3:Get*', 'a,b']\n"))
        #expect(text.contains("  resources: ['[x]', c]\n"))
        #expect(try NativeFormat.decode(text: text, file: "x.yaml").withoutOrigins == model)
    }

    @Test func nonASCIITextIsWrittenAsIs() throws {
        let model = Model(identities: [Identity(id: "zoë")])
        let text = ModelWriter.yaml(model)
        #expect(text.contains("- id: zoë\n"))
        #expect(try NativeFormat.decode(text: text, file: "x.yaml").withoutOrigins == model)
    }
}
