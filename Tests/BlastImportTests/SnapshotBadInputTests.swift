import BlastCore
@testable import BlastImport
import BlastTestSupport
import Foundation
import Testing

/// A damaged, truncated or foreign snapshot is refused with an error naming the file and what is
/// wrong (with the byte offset); never a partial model.
@Suite("Bad snapshots")
struct SnapshotBadInputTests {
    let directory: ScratchDirectory

    init() throws {
        directory = try ScratchDirectory()
    }

    /// Loads `bytes` as `m.snap` the way every command does; returns the error it throws.
    func error(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ImportError {
        let path = directory.url.appendingPathComponent("m.snap").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try #require(throws: ImportError.self, sourceLocation: sourceLocation) {
            try ModelSources.load(paths: [path])
        }
    }

    var path: String { directory.url.appendingPathComponent("m.snap").path }

    /// Two identities and a grant to `grantee`; otherwise identical models share their string table.
    static func grant(to grantee: String, kind: IdentityKind = .human) -> Model {
        Model(
            identities: [Identity(id: "alice", kind: kind), Identity(id: "bob")],
            roles: [Role(id: "reader", allow: [Statement(actions: ["read"], resources: ["wiki"])])],
            grants: [Grant(to: grantee, role: "reader")],
            resources: [Resource(id: "wiki")])
    }

    /// The first byte where the snapshots of `a` and `b` differ, past the header.
    static func firstDifference(_ a: Model, _ b: Model) throws -> Int {
        let x = ModelSnapshot.bytes(a), y = ModelSnapshot.bytes(b)
        try #require(x.count == y.count)
        return try #require((SnapshotFormat.headerSize..<x.count).first { x[$0] != y[$0] })
    }

    @Test("the snapshot of a valid model loads")
    func control() throws {
        let path = directory.url.appendingPathComponent("ok.snap").path
        try Data(ModelSnapshot.bytes(Self.grant(to: "bob"))).write(to: URL(fileURLWithPath: path))
        #expect(try ModelSources.load(paths: [path]).model.grants.map(\.to) == ["bob"])
    }

    @Test("another format version is refused as unsupported")
    func version() throws {
        var bytes = ModelSnapshot.bytes(Self.grant(to: "bob"))
        bytes[8] = 2
        let e = try error(bytes)
        #expect(e.code == .unsupportedVersion)
        #expect(
            e.description == "\(path): error: snapshot format version 2 is not supported (this blast reads version 1); "
                + "re-create it with blast export --format snapshot")
    }

    @Test("a truncated file names the byte where it ends")
    func truncated() throws {
        let bytes = ModelSnapshot.bytes(Self.grant(to: "bob"))
        let e = try error(Array(bytes.dropLast(10)))
        #expect(e.code == .damagedSnapshot)
        #expect(
            e.description.hasPrefix(
                "\(path): error: the snapshot is truncated: it ends at byte \(bytes.count - 10), "
                    + "but its header announces \(bytes.count) bytes"))
    }

    @Test("a file cut inside the header says so")
    func truncatedHeader() throws {
        let e = try error(Array(ModelSnapshot.bytes(Self.grant(to: "bob")).prefix(20)))
        #expect(e.code == .damagedSnapshot)
        #expect(e.message.hasPrefix("the snapshot is truncated: it ends at byte 20, inside its 32-byte header"))
    }

    @Test("bytes after the end are refused")
    func trailing() throws {
        let bytes = ModelSnapshot.bytes(Self.grant(to: "bob"))
        let e = try error(bytes + [0, 0, 0])
        #expect(e.message.hasPrefix("unexpected bytes after byte \(bytes.count), where the snapshot ends"))
    }

    @Test("an edited byte fails the checksum", arguments: [SnapshotFormat.headerSize, 100, -1])
    func checksum(_ at: Int) throws {
        var bytes = ModelSnapshot.bytes(Self.grant(to: "bob"))
        let k = at < 0 ? bytes.count + at : at
        bytes[k] ^= 0x20
        let e = try error(bytes)
        #expect(e.code == .damagedSnapshot)
        #expect(
            e.description == "\(path): error: checksum mismatch: the snapshot is damaged or was edited; "
                + "re-create it with blast export --format snapshot")
    }

    @Test("a string index past the table is refused, with its offset and field")
    func stringIndex() throws {
        let at = try Self.firstDifference(Self.grant(to: "alice"), Self.grant(to: "bob"))
        var bytes = ModelSnapshot.bytes(Self.grant(to: "bob"))
        bytes.replaceSubrange(at..<(at + 4), with: [0xFF, 0xFF, 0xFF, 0x00])
        SnapshotFormat.reseal(&bytes)
        let e = try error(bytes)
        #expect(e.code == .damagedSnapshot)
        #expect(e.message.hasPrefix("string index 16777215 at byte \(at) (grants.to) is out of range: the string table holds"))
    }

    @Test("an enum byte outside the enum is refused, with its offset")
    func enumByte() throws {
        let at = try Self.firstDifference(Self.grant(to: "bob", kind: .human), Self.grant(to: "bob", kind: .agent))
        var bytes = ModelSnapshot.bytes(Self.grant(to: "bob"))
        bytes[at] = 9
        SnapshotFormat.reseal(&bytes)
        let e = try error(bytes)
        #expect(e.code == .damagedSnapshot)
        #expect(e.message.hasPrefix("invalid identity kind byte 9 at byte \(at); the snapshot is damaged"))
    }

    @Test("a payload cut short but resealed names the offset and what was being read")
    func truncatedPayload() throws {
        var bytes = Array(ModelSnapshot.bytes(Self.grant(to: "bob")).dropLast(6))
        SnapshotFormat.reseal(&bytes)
        let e = try error(bytes)
        #expect(e.code == .damagedSnapshot)
        #expect(e.message.hasPrefix("the snapshot is truncated: it ends at byte"))
        #expect(e.message.contains("while reading reveal actions"))
    }

    @Test("a count larger than the file could hold is refused before anything is allocated")
    func hugeCount() throws {
        var bytes = ModelSnapshot.bytes(Model())
        // The string table count follows the STRS tag.
        let at = SnapshotFormat.headerSize + 4
        bytes.replaceSubrange(at..<(at + 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
        SnapshotFormat.reseal(&bytes)
        let e = try error(bytes)
        #expect(e.message.hasPrefix("strings count 2147483647 at byte \(at) does not fit the snapshot"))
    }
}
