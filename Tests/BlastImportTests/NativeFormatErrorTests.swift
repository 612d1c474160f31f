import BlastCore
import BlastImport
import Testing

@Suite("The native loader rejects what the schema does not allow")
struct NativeFormatErrorTests {
    @Test func unknownKeyNamesTheKeyItsLineAndSuggestsTheClosest() throws {
        let error = try ModelFileFixtures.decodeError(
            """
            version: 1
            credentials:
              - id: ci-token
                of: deploy-bot
                stored-in: [wiki]
            """)
        #expect(error.code == .unknownKey)
        #expect(
            error.description == """
                acme.yaml:5: error: credentials[0].stored-in: unknown key 'stored-in'; did you mean 'stored_in'? \
                allowed keys here: id, of, mfa, stored_in, created, last_used, expires
                """)
    }

    @Test func unknownTopLevelKeyIsRejected() throws {
        let error = try ModelFileFixtures.decodeError("version: 1\ngrant: []\n")
        #expect(error.code == .unknownKey)
        #expect(error.line == 2)
        #expect(error.keyPath == "grant")
        #expect(error.message.contains("did you mean 'grants'?"))
    }

    @Test func badDateNamesKeyPathLineValueAndTheAcceptedForms() throws {
        let error = try ModelFileFixtures.decodeError(
            """
            version: 1
            grants:
              - to: sre
                role: admin
                expires: 2026-13-01
            """)
        #expect(error.code == .badValue)
        #expect(
            error.description == """
                acme.yaml:5: error: grants[0].expires: '2026-13-01' is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ
                """)
    }

    @Test(arguments: [
        ("identities: [{id: a, type: sevice}]", "identities[0].type", "'sevice' is not a valid identity type; did you mean 'service'?"),
        (
            "resources: [{id: a, criticality: urgent}]", "resources[0].criticality",
            "'urgent' is not a valid criticality; use one of critical, high, medium, low"
        ),
    ])
    func badEnumValueNamesTheValueAndTheChoices(body: String, keyPath: String, message: String) throws {
        let error = try ModelFileFixtures.decodeError("version: 1\n" + body)
        #expect(error.code == .badValue)
        #expect(error.keyPath == keyPath)
        #expect(error.message.contains(message))
    }

    @Test(arguments: [
        ("mfa: yes", "'yes' is not a boolean; use true or false"),
        ("mfa: 1", "'1' is not a boolean; use true or false"),
        ("mfa: 'true'", "'true' is a quoted string, not a boolean; write true or false without quotes"),
    ])
    func booleansAcceptOnlyTrueAndFalse(line: String, message: String) throws {
        let error = try ModelFileFixtures.decodeError("version: 1\ncredentials:\n  - id: k\n    of: a\n    \(line)\n")
        #expect(error.code == .badValue)
        #expect(error.line == 5)
        #expect(error.keyPath == "credentials[0].mfa")
        #expect(error.message == message)
    }

    @Test(arguments: [
        ("identities: [{id: {name: a}}]", "identities[0].id", "expected a string, found a mapping"),
        ("identities: [{id: [a]}]", "identities[0].id", "expected a string, found a list"),
        ("identities: alice", "identities", "expected a list, found the value 'alice'"),
        ("groups: [{id: sre, members: alice}]", "groups[0].members", "expected a list, found the value 'alice'"),
        ("identities: [alice]", "identities[0]", "expected a mapping with the keys id, type, resource, found the value 'alice'"),
    ])
    func wrongShapeNamesWhatWasExpectedAndFound(body: String, keyPath: String, message: String) throws {
        let error = try ModelFileFixtures.decodeError("version: 1\n" + body)
        #expect(error.code == .wrongType)
        #expect(error.keyPath == keyPath)
        #expect(error.message == message)
    }

    @Test(arguments: [
        ("identities: [{type: agent}]", "identities[0]", "id"),
        ("credentials: [{of: alice}]", "credentials[0]", "id"),
        ("credentials: [{id: key}]", "credentials[0]", "of"),
        ("groups: [{members: [a]}]", "groups[0]", "id"),
        ("roles: [{allow: []}]", "roles[0]", "id"),
        ("grants: [{role: admin}]", "grants[0]", "to"),
        ("grants: [{to: sre}]", "grants[0]", "role"),
        ("assumes: [{to: bot}]", "assumes[0]", "from"),
        ("assumes: [{from: ci}]", "assumes[0]", "to"),
        ("resources: [{criticality: high}]", "resources[0]", "id"),
    ])
    func missingRequiredKeyNamesTheKey(body: String, keyPath: String, key: String) throws {
        let error = try ModelFileFixtures.decodeError("version: 1\n" + body)
        #expect(error.code == .missingKey)
        #expect(error.keyPath == keyPath)
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("missing required key '\(key)'"))
    }

    @Test func requiredKeyWithoutValueIsMissing() throws {
        let error = try ModelFileFixtures.decodeError("version: 1\nidentities:\n  - id:\n    type: agent\n")
        #expect(error.code == .missingKey)
        #expect(error.keyPath == "identities[0].id")
    }

    @Test func emptyIdIsRejected() throws {
        let error = try ModelFileFixtures.decodeError("version: 1\ngrants: [{to: '', role: admin}]\n")
        #expect(error.code == .badValue)
        #expect(error.keyPath == "grants[0].to")
    }

    @Test func syntaxErrorGivesLineColumnAndTheParserProblem() throws {
        let error = try ModelFileFixtures.decodeError("version: 1\nidentities:\n  - id: a\n     type: agent\n")
        #expect(error.code == .syntax)
        #expect(error.description == "acme.yaml:4:10: error: syntax: mapping values are not allowed in this context")
    }

    @Test func unclosedJSONIsASyntaxErrorWithItsLine() throws {
        let error = try ModelFileFixtures.decodeError("{\"version\": 1,\n \"identities\": [\n", file: "acme.json")
        #expect(error.code == .syntax)
        #expect(error.file == "acme.json")
        #expect(error.line == 3)
    }

    @Test func duplicateKeyInOneMappingIsASyntaxError() throws {
        let error = try ModelFileFixtures.decodeError("version: 1\nidentities:\n  - id: a\n    id: b\n")
        #expect(error.code == .syntax)
        #expect(error.line == 3)
        #expect(error.message.contains("duplicate key 'id'"))
    }

    @Test(arguments: ["", "\n\n", "# nothing but a comment\n", "---\n"])
    func emptyFileIsAnError(text: String) throws {
        let error = try ModelFileFixtures.decodeError(text)
        #expect(error.code == .emptyDocument)
        #expect(error.description == "acme.yaml: error: the file holds no model; start it with `version: 1`")
    }

    @Test func unsupportedVersionNamesTheValue() throws {
        let error = try ModelFileFixtures.decodeError("version: 2\nidentities: []\n")
        #expect(error.code == .unsupportedVersion)
        #expect(
            error.description == """
                acme.yaml:1: error: version: unsupported version '2'; this blast reads model files of version 1
                """)
    }

    @Test func missingVersionIsAnError() throws {
        let error = try ModelFileFixtures.decodeError("identities: []\n")
        #expect(error.code == .missingKey)
        #expect(error.message.contains("version: 1"))
    }

    @Test func versionIsCheckedBeforeUnknownKeys() throws {
        let error = try ModelFileFixtures.decodeError("version: 3\nsessions: []\n")
        #expect(error.code == .unsupportedVersion)
    }

    @Test func topLevelMustBeAMapping() throws {
        let error = try ModelFileFixtures.decodeError("- version: 1\n")
        #expect(error.code == .wrongType)
        #expect(error.keyPath == nil)
    }
}
