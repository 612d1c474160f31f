import BlastCore
import BlastImport
import Testing

@Suite("The native loader decodes the native schema")
struct NativeFormatDecodingTests {
    let acme: Model

    init() throws {
        acme = try NativeFormat.decode(text: ModelFileFixtures.acmeYAML, file: "acme.yaml").withoutOrigins
    }

    @Test func identitiesDecode() {
        #expect(acme.identities == ModelFileFixtures.acme.identities)
    }

    @Test func credentialsDecode() {
        #expect(acme.credentials == ModelFileFixtures.acme.credentials)
    }

    @Test func groupsDecode() {
        #expect(acme.groups == ModelFileFixtures.acme.groups)
    }

    @Test func rolesDecodeWithAllowAndDenyStatements() {
        #expect(acme.roles == ModelFileFixtures.acme.roles)
    }

    @Test func grantsDecodeWithTheirTerms() {
        #expect(acme.grants == ModelFileFixtures.acme.grants)
    }

    @Test func assumesDecodeWithTheirTerms() {
        #expect(acme.assumes == ModelFileFixtures.acme.assumes)
    }

    @Test func resourcesDecode() {
        #expect(acme.resources == ModelFileFixtures.acme.resources)
    }

    @Test func takeoverAndRevealActionsDecode() {
        #expect(acme.takeoverActions == ModelFileFixtures.acme.takeoverActions)
        #expect(acme.revealActions == ModelFileFixtures.acme.revealActions)
    }

    @Test func jsonDecodesToTheSameModelAsYAML() throws {
        let json = try NativeFormat.decode(text: ModelFileFixtures.acmeJSON, file: "acme.json")
        #expect(json.withoutOrigins == acme)
    }

    @Test func jsonIndentedWithTabsDecodes() throws {
        let json = "{\n\t\"version\": 1,\n\t\"identities\": [\n\t\t{\"id\":\"alice\",\"type\":\"agent\"}\n\t]\n}\n"
        let model = try NativeFormat.decode(text: json, file: "tabs.json")
        #expect(model.identities.map(\.kind) == [.agent])
    }

    @Test func absentSectionsAreEmptyAndActionListsDefault() throws {
        let model = try NativeFormat.decode(text: "version: 1\n", file: "empty.yaml")
        #expect(model == Model())
    }

    @Test func absentKeysTakeTheirDefaults() throws {
        let model = try ModelFileFixtures.decode(
            """
            identities: [{id: alice}]
            credentials: [{id: key, of: alice}]
            grants: [{to: alice, role: admin}]
            assumes: [{from: alice, to: bob}]
            resources: [{id: prod}]
            roles: [{id: admin}]
            groups: [{id: sre}]
            """
        ).withoutOrigins
        #expect(model.identities == [Identity(id: "alice", kind: .human, resource: nil)])
        #expect(model.credentials == [Credential(id: "key", of: "alice", mfa: false, storedIn: [])])
        #expect(model.grants == [Grant(to: "alice", role: "admin", scope: nil, terms: .standing, reviewed: nil)])
        #expect(model.assumes == [Assume(from: "alice", to: "bob", terms: .standing)])
        #expect(model.resources == [Resource(id: "prod", criticality: .low)])
        #expect(model.roles == [Role(id: "admin", allow: [], deny: [])])
        #expect(model.groups == [Group(id: "sre", members: [])])
    }

    @Test func nullValuesCountAsAbsent() throws {
        let model = try ModelFileFixtures.decode(
            """
            grants:
              - to: alice
                role: admin
                scope: ~
                expires:
                mfa: null
            """)
        #expect(model.grants.map(\.scope) == [nil])
        #expect(model.grants.map(\.terms) == [.standing])
    }

    @Test func aSingleStringStandsForAOneItemListOfActionsOrResources() throws {
        let model = try ModelFileFixtures.decode(
            """
            roles:
              - id: reader
                allow:
                  - actions: read
                    resources: "*"
            """)
        #expect(model.roles.first?.allow.map(\.actions) == [["read"]])
        #expect(model.roles.first?.allow.map(\.resources) == [["*"]])
    }

    @Test func unquotedNumbersAndBooleansAreReadAsTheTextWritten() throws {
        let model = try ModelFileFixtures.decode("identities: [{id: 123}, {id: 0x1F}, {id: true}, {id: 1.50}]")
        #expect(model.identities.map(\.id) == ["123", "0x1F", "true", "1.50"])
    }

    @Test func datesAcceptDateTimesWithZones() throws {
        let model = try ModelFileFixtures.decode("credentials: [{id: k, of: a, expires: 2026-01-01T10:00:00+02:00}]")
        #expect(model.credentials.first?.expires == Instant(year: 2026, month: 1, day: 1, hour: 8))
    }

    @Test func booleansAcceptEveryCaseOfTrueAndFalse() throws {
        let model = try ModelFileFixtures.decode("grants: [{to: a, role: r, approval: True, mfa: FALSE}]")
        #expect(model.grants.first?.terms == Terms(approval: true, mfa: false))
    }

    @Test func elementsRememberFileLineAndKeyPath() throws {
        let model = try NativeFormat.decode(text: ModelFileFixtures.acmeYAML, file: "acme.yaml")
        #expect(model.identities[1].origin == SourceLocation(file: "acme.yaml", line: 4, keyPath: "identities[1]"))
        #expect(model.grants[0].origin == SourceLocation(file: "acme.yaml", line: 32, keyPath: "grants[0]"))
        #expect(model.resources[4].origin == SourceLocation(file: "acme.yaml", line: 52, keyPath: "resources[4]"))
    }

    @Test func statementsRememberTheirOwnKeyPath() throws {
        let model = try NativeFormat.decode(text: ModelFileFixtures.acmeYAML, file: "acme.yaml")
        #expect(model.roles[0].allow[1].origin == SourceLocation(file: "acme.yaml", line: 26, keyPath: "roles[0].allow[1]"))
        #expect(model.roles[0].deny[0].origin == SourceLocation(file: "acme.yaml", line: 29, keyPath: "roles[0].deny[0]"))
    }

    @Test func decodingLeavesReferencesUnchecked() throws {
        let model = try ModelFileFixtures.decode("grants: [{to: someone-in-another-file, role: admin}]")
        #expect(model.grants.map(\.to) == ["someone-in-another-file"])
    }
}
