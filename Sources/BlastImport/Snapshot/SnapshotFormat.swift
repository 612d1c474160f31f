import BlastCore

/// The byte layout of a model snapshot, below the level of model elements: header, checksum,
/// little-endian integer columns and the cursor that reads them with bounds checks.
///
/// ```
/// offset  size  field
///      0     8  magic "BLASTSNP"
///      8     4  format version (UInt32)
///     12     4  reserved, 0
///     16     8  payload length in bytes (UInt64)
///     24     8  checksum of the payload (SnapshotFormat.checksum)
///     32     …  payload: sections, each a 4-byte ASCII tag then its columns
/// ```
///
/// Every integer is little-endian. `ModelSnapshot` defines the sections.
enum SnapshotFormat {
    static let magic: [UInt8] = Array("BLASTSNP".utf8)
    /// The version this build writes and reads.
    static let version: UInt32 = 1
    static let headerSize = 32

    /// Nil string index (an absent optional string).
    static let noString = UInt32.max
    /// Nil date.
    static let noDate = Int64.min
    /// Nil line.
    static let noLine = Int64.min
    /// A key path without a trailing `[n]`.
    static let noNumber = UInt32.max

    /// Identity kinds by their byte (`SnapshotWriter.code(_:)` gives the byte).
    static let identityKinds: [IdentityKind] = [.human, .service, .agent, .workload]
    /// Criticalities by their byte.
    static let criticalities: [Criticality] = [.critical, .high, .medium, .low]

    /// Whether `bytes` starts with the snapshot magic.
    static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= magic.count && zip(bytes.prefix(magic.count), magic).allSatisfy { $0 == $1 }
    }

    /// A 64-bit hash of `bytes`, eight bytes at a time in four independent lanes.
    ///
    /// Each lane step (`xor` a word, multiply by an odd constant, rotate) is a bijection of the
    /// lane, so a change confined to one lane always changes the result; the length is mixed in so
    /// that dropping trailing zero bytes is caught too.
    /// - Complexity: O(n), about one multiply per eight bytes.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var a: UInt64 = 0x243F_6A88_85A3_08D3, b: UInt64 = 0x1319_8A2E_0370_7344
        var c: UInt64 = 0xA409_3822_299F_31D0, d: UInt64 = 0x082E_FA98_EC4E_6C89
        @inline(__always) func step(_ lane: inout UInt64, _ word: UInt64) {
            lane = ((lane ^ word) &* k)
            lane = (lane << 31) | (lane >> 33)
        }
        @inline(__always) func word(_ offset: Int) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let n = bytes.count
        var i = 0
        while i + 32 <= n {
            step(&a, word(i))
            step(&b, word(i + 8))
            step(&c, word(i + 16))
            step(&d, word(i + 24))
            i += 32
        }
        while i + 8 <= n {
            step(&a, word(i))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            for (shift, byte) in bytes[i..<n].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
            step(&b, tail)
        }
        var h = UInt64(n) &* k
        for lane in [a, b, c, d] {
            h = (h ^ lane) &* 0xC2B2_AE3D_27D4_EB4F
            h ^= h >> 29
        }
        return h
    }

    /// The header for `payload`.
    static func header(payload: UnsafeRawBufferPointer) -> [UInt8] {
        var out = SnapshotEncoder()
        out.bytes += magic
        out.u32(version)
        out.u32(0)
        out.u64(UInt64(payload.count))
        out.u64(checksum(payload))
        return out.bytes
    }

    /// Rewrites the header's length and checksum to match the payload as it now is.
    static func reseal(_ snapshot: inout [UInt8]) {
        precondition(snapshot.count >= headerSize, "reseal needs a whole header")
        let fresh = snapshot.withUnsafeBytes { header(payload: UnsafeRawBufferPointer(rebasing: $0[headerSize...])) }
        snapshot.replaceSubrange(0..<headerSize, with: fresh)
    }
}

/// Appends little-endian integers and columns to a byte buffer.
struct SnapshotEncoder {
    var bytes: [UInt8] = []

    mutating func tag(_ name: StaticString) {
        precondition(name.utf8CodeUnitCount == 4, "section tags are four bytes")
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: 4))
    }

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }

    /// A column of integers, all at once.
    mutating func column<T: FixedWidthInteger>(_ values: [T]) {
        values.map(\.littleEndian).withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}
