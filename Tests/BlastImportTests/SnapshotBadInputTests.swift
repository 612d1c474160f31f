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

/// The snapshot dates the trial forged (C2) and the header length it set near 2^64 (C1): refused
/// with the file, the byte offset and the value, never a trap in date arithmetic.
@Suite("Bad snapshot dates and lengths")
struct SnapshotRangeBadInputTests {
    let directory: ScratchDirectory

    init() throws {
        directory = try ScratchDirectory()
    }

    var path: String { directory.url.appendingPathComponent("m.snap").path }

    /// Where a date lives in the model, and the snapshot column that holds it.
    enum DateField: String, CaseIterable, Sendable {
        case credentialCreated = "credential creation dates"
        case credentialLastUsed = "credential last-use dates"
        case credentialExpires = "credential expiry dates"
        case grantNotBefore = "grants not_before dates"
        case grantExpires = "grants expiry dates"
        case grantReviewed = "grant review dates"
        case assumeExpires = "assumes expiry dates"
    }

    /// A model holding each kind of date; `field` holds `value`, every other date 2026-01-01.
    static func dated(_ field: DateField, _ value: Instant?) -> Model {
        let day = Instant(year: 2026, month: 1, day: 1)
        func at(_ f: DateField) -> Instant? { f == field ? value : day }
        return Model(
            identities: [Identity(id: "alice"), Identity(id: "ci", kind: .service)],
            credentials: [
                Credential(
                    id: "key", of: "ci", created: at(.credentialCreated), lastUsed: at(.credentialLastUsed),
                    expires: at(.credentialExpires))
            ],
            roles: [Role(id: "reader", allow: [Statement(actions: ["read"], resources: ["wiki"])])],
            grants: [
                Grant(
                    to: "alice", role: "reader", terms: Terms(notBefore: at(.grantNotBefore), expires: at(.grantExpires)),
                    reviewed: at(.grantReviewed))
            ],
            assumes: [Assume(from: "alice", to: "ci", terms: Terms(expires: at(.assumeExpires)))],
            resources: [Resource(id: "wiki")])
    }

    /// The offset of `field`'s `Int64` in the snapshot: the first byte where 0 and -1 differ.
    static func offset(of field: DateField) throws -> Int {
        try SnapshotBadInputTests.firstDifference(
            dated(field, Instant(secondsSinceEpoch: 0)), dated(field, Instant(secondsSinceEpoch: -1)))
    }

    /// The trial's resealed-date cases, plus `off8509`: a no-date sentinel with one bit flipped.
    static let forged: [(DateField, Int64)] = [
        (.credentialCreated, .min + 1), (.credentialCreated, .min + 86_399), (.credentialLastUsed, .min + 1),
        (.credentialLastUsed, .min + 86_399), (.credentialExpires, .min + 1), (.grantExpires, .min + 1),
        (.grantNotBefore, .min + 1), (.grantReviewed, .min + 1), (.grantReviewed, .min + 86_399), (.assumeExpires, .min + 1),
        (.credentialLastUsed, .min + 16),
    ]

    @Test("a resealed snapshot with a date before the year 0000 is refused with its offset and value", arguments: forged)
    func forgedDate(field: DateField, value: Int64) throws {
        let at = try Self.offset(of: field)
        var bytes = ModelSnapshot.bytes(Self.dated(field, nil))
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(at..<(at + 8), with: $0) }
        SnapshotFormat.reseal(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let e = try #require(throws: ImportError.self) { try ModelSources.load(paths: [path]) }
        #expect(e.code == .damagedSnapshot)
        #expect(
            e.description
                == "\(path): error: invalid date \(value) at byte \(at) (\(field.rawValue)): before the year 0000, earlier than any date blast reads; "
                + "the snapshot is damaged, re-create it with blast export --format snapshot")
    }

    @Test("the first and last instants of the supported years still load", arguments: DateField.allCases)
    func extremes(field: DateField) throws {
        for seconds in [Instant.supportedRange.lowerBound, Instant.supportedRange.upperBound] {
            try Data(ModelSnapshot.bytes(Self.dated(field, Instant(secondsSinceEpoch: seconds)))).write(to: URL(fileURLWithPath: path))
            #expect(try ModelSources.load(paths: [path]).model == Self.dated(field, Instant(secondsSinceEpoch: seconds)))
        }
    }

    @Test("a header length within 32 of 2^64 is named as announced, not added to the header size")
    func hugeLength() throws {
        var bytes = ModelSnapshot.bytes(SnapshotBadInputTests.grant(to: "bob"))
        bytes.replaceSubrange(16..<24, with: [UInt8](repeating: 0xFF, count: 8))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let e = try #require(throws: ImportError.self) { try ModelSources.load(paths: [path]) }
        #expect(e.code == .damagedSnapshot)
        #expect(
            e.description
                == "\(path): error: the snapshot is truncated: it ends at byte \(bytes.count), "
                + "but its header announces a payload of 18446744073709551615 bytes; "
                + "the snapshot is damaged, re-create it with blast export --format snapshot")
    }
}
