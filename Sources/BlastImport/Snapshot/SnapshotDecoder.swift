/// Where reading a snapshot stopped, and why; `ModelSnapshot` turns it into an `ImportError`.
enum SnapshotProblem: Error {
    /// The payload ends before `needed` more bytes at `offset` (what was being read).
    case truncated(offset: Int, needed: Int, reading: String)
    case stringIndex(UInt32, offset: Int, field: String, tableSize: Int)
    case badByte(UInt8, offset: Int, field: String)
    case badTag(expected: String, offset: Int)
    case badUTF8(index: Int, offset: Int)
    /// A date before `Instant.supportedRange` (and not the no-date sentinel).
    case badDate(Int64, offset: Int, field: String)
    case badCount(Int, offset: Int, field: String)
    case trailingBytes(offset: Int)
}

/// A fixed-width little-endian column inside the snapshot; bounds were checked when it was taken.
struct SnapshotColumn<T: FixedWidthInteger> {
    let base: UnsafeRawPointer
    let count: Int
    /// The column's offset in the file, for messages.
    let offset: Int

    @inline(__always) subscript(i: Int) -> T {
        T(littleEndian: base.loadUnaligned(fromByteOffset: i &* MemoryLayout<T>.size, as: T.self))
    }

    /// The file offset of element `i`.
    func offset(of i: Int) -> Int { offset + i * MemoryLayout<T>.size }
}

/// Reads a payload front to back; every read checks the bounds and names the file offset.
struct SnapshotDecoder {
    let bytes: UnsafeRawBufferPointer
    /// Where `bytes` starts in the file (the header size), so offsets in messages are file offsets.
    let origin: Int
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer, origin: Int) {
        self.bytes = bytes
        self.origin = origin
    }

    var fileOffset: Int { origin + position }
    var isAtEnd: Bool { position == bytes.count }
    var remaining: Int { bytes.count - position }

    private mutating func take(_ n: Int, _ reading: @autoclosure () -> String) throws(SnapshotProblem) -> Int {
        guard n >= 0, n <= bytes.count - position else {
            throw .truncated(offset: fileOffset, needed: n, reading: reading())
        }
        defer { position += n }
        return position
    }

    mutating func tag(_ name: String) throws(SnapshotProblem) {
        let at = fileOffset
        let p = try take(4, "the \(name) section tag")
        guard bytes[p..<p + 4].elementsEqual(name.utf8) else { throw .badTag(expected: name, offset: at) }
    }

    mutating func u32(_ reading: @autoclosure () -> String) throws(SnapshotProblem) -> UInt32 {
        let p = try take(4, reading())
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p, as: UInt32.self))
    }

    /// A count, checked against what the rest of the payload could hold (`minimumSize` bytes each).
    mutating func count(_ reading: String, minimumSize: Int = 1) throws(SnapshotProblem) -> Int {
        let at = fileOffset
        let n = Int(try u32(reading))
        guard n <= (bytes.count - position) / max(1, minimumSize) else { throw .badCount(n, offset: at, field: reading) }
        return n
    }

    mutating func column<T: FixedWidthInteger>(_ type: T.Type, _ count: Int, _ reading: String) throws(SnapshotProblem) -> SnapshotColumn<T>
    {
        let at = fileOffset
        let size = count.multipliedReportingOverflow(by: MemoryLayout<T>.size)
        guard !size.overflow else { throw .truncated(offset: at, needed: Int.max, reading: reading) }
        let p = try take(size.partialValue, reading)
        return SnapshotColumn(
            base: bytes.baseAddress.map { UnsafeRawPointer($0) + p } ?? UnsafeRawPointer(bitPattern: 1)!,
            count: count, offset: at)
    }

    /// `n` raw bytes.
    mutating func raw(_ n: Int, _ reading: @autoclosure () -> String) throws(SnapshotProblem) -> UnsafeRawBufferPointer {
        let p = try take(n, reading())
        return UnsafeRawBufferPointer(rebasing: bytes[p..<p + n])
    }
}
