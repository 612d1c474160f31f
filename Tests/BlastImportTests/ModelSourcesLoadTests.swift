import BlastCore
import BlastImport
import Foundation
import Testing

@Suite("The native loader loads, merges and validates files")
struct ModelSourcesLoadTests {
    let directory: ScratchDirectory

    init() throws {
        directory = try ScratchDirectory()
    }

    @Test func loadsOneFileFromDisk() throws {
        let path = try directory.write("acme.yaml", ModelFileFixtures.acmeYAML)
        let model = try ModelSources.load(paths: [path]).model
        #expect(model.withoutOrigins == ModelFileFixtures.acme)
        #expect(model.identities.first?.origin?.file == path)
    }

    @Test func mergesFilesInOrderAndResolvesReferencesAcrossThem() throws {
        let people = try directory.write(
            "people.yaml",
            """
            version: 1
            identities: [{id: alice}, {id: bob}]
            groups: [{id: sre, members: [alice]}]
            """)
        let access = try directory.write(
            "access.json",
            """
            {"version": 1,
             "identities": [{"id": "carol"}],
             "roles": [{"id": "admin", "allow": [{"actions": "*", "resources": "prod"}]}],
             "grants": [{"to": "sre", "role": "admin"}]}
            """)
        let model = try ModelSources.load(paths: [people, access]).model
        #expect(model.identities.map(\.id) == ["alice", "bob", "carol"])
        #expect(model.identities.map(\.origin?.file) == [people, people, access])
        #expect(model.grants.map(\.to) == ["sre"])
    }

    @Test func actionListsAreTheUnionInFirstSeenOrderOfTheFilesThatSetThem() throws {
        let first = try directory.write("a.yaml", "version: 1\ntakeover_actions: [impersonate, assume]\n")
        let silent = try directory.write("b.yaml", "version: 1\n")
        let second = try directory.write("c.yaml", "version: 1\ntakeover_actions: [assume, passrole]\nreveal_actions: [get]\n")
        let model = try ModelSources.load(paths: [first, silent, second]).model
        #expect(model.takeoverActions == ["impersonate", "assume", "passrole"])
        #expect(model.revealActions == ["get"])
    }

    @Test func actionListsDefaultWhenNoFileSetsThem() throws {
        let model = try ModelSources.load(paths: [try directory.write("a.yaml", "version: 1\n")]).model
        #expect(model.takeoverActions == Model.defaultTakeoverActions)
        #expect(model.revealActions == Model.defaultRevealActions)
    }

    @Test(arguments: [
        ("groups: [{id: sre, members: [bob]}]", "groups[0]", "member 'bob' is not a declared identity or group"),
        ("credentials: [{id: key, of: bob}]", "credentials[0]", "of 'bob' is not a declared identity"),
        ("grants: [{to: bob, role: admin}]", "grants[0]", "to 'bob' is not a declared identity or group"),
        ("grants: [{to: alice, role: root}]", "grants[0]", "role 'root' is not a declared role"),
        ("assumes: [{from: bob, to: alice}]", "assumes[0]", "from 'bob' is not a declared identity or group"),
        ("assumes: [{from: alice, to: bob}]", "assumes[0]", "to 'bob' is not a declared identity"),
        ("credentials: [{id: key, of: alice, stored_in: [wiki]}]", "credentials[0]", "stored_in 'wiki' is not a declared resource"),
    ])
    func undefinedReferenceIsAnErrorAtTheReferringElement(body: String, keyPath: String, message: String) throws {
        let error = try directory.loadError([
            (
                "team.yaml",
                """
                version: 1
                identities: [{id: alice}]
                roles: [{id: admin}]
                \(body)
                """
            )
        ])
        #expect(error.code == .invalidModel)
        #expect(error.file?.hasSuffix("team.yaml") == true)
        #expect(error.line == 4)
        #expect(error.keyPath == keyPath)
        #expect(error.message.hasPrefix(message))
        #expect((error.underlying as? ModelError)?.code == .undefinedReference)
    }

    @Test func duplicateIdWithinAFileNamesBothPlaces() throws {
        let error = try directory.loadError([
            (
                "team.yaml",
                """
                version: 1
                identities:
                  - id: alice
                resources:
                  - id: alice
                """
            )
        ])
        #expect(error.code == .invalidModel)
        #expect(error.line == 5)
        #expect(error.keyPath == "resources[0]")
        #expect(error.message.contains("first declared at \(directory.url.path)/team.yaml:3 (identities[0])"))
    }

    @Test func duplicateIdAcrossFilesNamesBothFiles() throws {
        let error = try directory.loadError([
            ("a.yaml", "version: 1\nidentities: [{id: alice}]\n"),
            ("b.yaml", "version: 1\n\nresources: [{id: alice}]\n"),
        ])
        #expect(error.code == .invalidModel)
        #expect(error.description.hasPrefix("\(directory.url.path)/b.yaml:3: error: resources[0]: duplicate id 'alice'"))
        #expect(error.message.contains("\(directory.url.path)/a.yaml:2"))
    }

    @Test func theFirstBrokenFileStopsTheLoad() throws {
        let error = try directory.loadError([
            ("a.yaml", "version: 1\n"),
            ("b.yaml", "version: 1\nidentities: [{id: a, kind: agent}]\n"),
        ])
        #expect(error.code == .unknownKey)
        #expect(error.file == "\(directory.url.path)/b.yaml")
    }

    @Test func missingFileIsUnreadable() throws {
        let path = directory.url.appendingPathComponent("nowhere.yaml").path
        let error = try #require(throws: ImportError.self) { try ModelSources.load(paths: [path]).model }
        #expect(error.code == .unreadable)
        #expect(error.description == "\(path): error: cannot read the file: no such file; check the path")
    }

    @Test func directoryIsUnreadable() throws {
        let error = try #require(throws: ImportError.self) { try ModelSources.load(paths: [directory.url.path]).model }
        #expect(error.code == .unreadable)
        #expect(error.message.contains("it is a directory"))
    }

    @Test func nonUTF8FileIsUnreadable() throws {
        let path = directory.url.appendingPathComponent("latin1.yaml")
        try Data([0x76, 0x65, 0x72, 0x3A, 0x20, 0xE9, 0x0A]).write(to: path)
        let error = try #require(throws: ImportError.self) { try ModelSources.load(paths: [path.path]).model }
        #expect(error.code == .unreadable)
        #expect(error.message.contains("UTF-8"))
    }
}
