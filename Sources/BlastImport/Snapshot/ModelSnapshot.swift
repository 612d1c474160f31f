import BlastCore
import Foundation

/// A compact binary copy of a `Model` that loads in a fraction of the time the JSON takes.
///
/// `blast export MODEL... --format snapshot -o FILE` writes one; every command that reads model
/// files reads it, recognised by its magic bytes. A snapshot keeps every element, every field
/// and every origin (file, line, key path) exactly, so every answer on it is the answer on the
/// files it came from.
///
/// Layout (see `SnapshotFormat` for the header): a string table holding each distinct string once
/// (length-prefixed UTF-8), then one section per element kind of little-endian integer columns:
/// string indices (`UInt32`), enums and flags as bytes, optional dates as `Int64` seconds with a
/// sentinel, and counts for lists. Origins are stored as runs: consecutive elements declared in
/// the same file at `section[n]`, `section[n+1]`, … take one run.
public enum ModelSnapshot {
    /// Whether `data` starts with the snapshot magic bytes.
    /// - Complexity: O(1).
    public static func isSnapshot(_ data: Data) -> Bool {
        data.withUnsafeBytes { SnapshotFormat.hasMagic($0) }
    }

    /// The snapshot of `model`: the same model always gives the same bytes.
    /// - Complexity: O(n) in the size of the model.
    public static func bytes(_ model: Model) -> [UInt8] {
        var writer = SnapshotWriter()
        let payload = writer.payload(model)
        return payload.withUnsafeBytes { SnapshotFormat.header(payload: $0) } + payload
    }

    /// `bytes` with the header's length and checksum made to match what follows the header, as
    /// if the snapshot had been written so: lets a fuzzer or a test reach the decoder with edited
    /// bytes. Bytes without the magic or shorter than a header come back unchanged.
    /// - Complexity: O(n).
    public static func resealing(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= SnapshotFormat.headerSize, bytes.withUnsafeBytes(SnapshotFormat.hasMagic) else { return bytes }
        var sealed = bytes
        SnapshotFormat.reseal(&sealed)
        return sealed
    }

    /// Reads a snapshot; `file` names it in errors. The model is not validated here (loaders
    /// validate after merging every file).
    ///
    /// Throws `unsupportedVersion` for a snapshot of another format version, and
    /// `damagedSnapshot` when the file is truncated, was edited (checksum mismatch), or holds an
    /// index, enum value or date out of range: never a partial model.
    /// - Complexity: O(n) in the size of the snapshot.
    public static func model(from data: Data, file: String) throws(ImportError) -> Model {
        try data.withUnsafeBytes { buffer in
            Result { () throws(ImportError) -> Model in try model(from: buffer, file: file) }
        }.get()
    }

    static func model(from buffer: UnsafeRawBufferPointer, file: String) throws(ImportError) -> Model {
        let payload = try checkedPayload(buffer, file: file)
        do {
            var reader = SnapshotReader(SnapshotDecoder(payload, origin: SnapshotFormat.headerSize))
            return try reader.model()
        } catch {
            throw damaged(error.message, file: file)
        }
    }

    /// The payload after checking the magic, version, length and checksum.
    private static func checkedPayload(_ buffer: UnsafeRawBufferPointer, file: String) throws(ImportError) -> UnsafeRawBufferPointer {
        guard SnapshotFormat.hasMagic(buffer) else {
            throw ImportError(.damagedSnapshot, "the file does not start with the snapshot magic bytes BLASTSNP", file: file)
        }
        let size = SnapshotFormat.headerSize
        guard buffer.count >= size else {
            throw damaged("the snapshot is truncated: it ends at byte \(buffer.count), inside its \(size)-byte header", file: file)
        }
        func load<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        let version = load(8, UInt32.self)
        guard version == SnapshotFormat.version else {
            throw ImportError(
                .unsupportedVersion,
                "snapshot format version \(version) is not supported (this blast reads version \(SnapshotFormat.version)); "
                    + "re-create it with blast export --format snapshot", file: file)
        }
        let reserved = load(12, UInt32.self)
        guard reserved == 0 else { throw damaged("the header's reserved field at byte 12 is \(reserved), not 0", file: file) }
        let length = load(16, UInt64.self)
        let available = UInt64(buffer.count - size)
        guard length <= available else {
            // A length near 2^64 is damage too; it is named as it stands, never added to.
            let (total, overflow) = length.addingReportingOverflow(UInt64(size))
            let announced = overflow ? "a payload of \(length) bytes" : "\(total) bytes"
            throw damaged(
                "the snapshot is truncated: it ends at byte \(buffer.count), but its header announces \(announced)", file: file)
        }
        guard length == available else {
            throw damaged("unexpected bytes after byte \(UInt64(size) + length), where the snapshot ends", file: file)
        }
        let payload = UnsafeRawBufferPointer(rebasing: buffer[size...])
        guard SnapshotFormat.checksum(payload) == load(24, UInt64.self) else {
            throw ImportError(
                .damagedSnapshot,
                "checksum mismatch: the snapshot is damaged or was edited; "
                    + "re-create it with blast export --format snapshot", file: file)
        }
        return payload
    }

    private static func damaged(_ what: String, file: String) -> ImportError {
        ImportError(.damagedSnapshot, "\(what); the snapshot is damaged, re-create it with blast export --format snapshot", file: file)
    }
}

extension SnapshotProblem {
    /// What went wrong, with the file offset.
    var message: String {
        switch self {
        case .truncated(let offset, let needed, let reading):
            "the snapshot is truncated: it ends at byte \(offset) while reading \(reading) (\(needed) more bytes needed)"
        case .stringIndex(let index, let offset, let field, let size):
            "string index \(index) at byte \(offset) (\(field)) is out of range: the string table holds \(size) strings"
        case .badByte(let value, let offset, let field):
            "invalid \(field) byte \(value) at byte \(offset)"
        case .badTag(let expected, let offset):
            "expected the \(expected) section at byte \(offset)"
        case .badUTF8(let index, let offset):
            "string \(index) at byte \(offset) is not valid UTF-8"
        case .badDate(let value, let offset, let field):
            "invalid date \(value) at byte \(offset) (\(field)): before the year 0000, earlier than any date blast reads"
        case .badCount(let count, let offset, let field):
            "\(field) count \(count) at byte \(offset) does not fit the snapshot"
        case .trailingBytes(let offset):
            "unexpected data at byte \(offset), after the last section"
        }
    }
}
