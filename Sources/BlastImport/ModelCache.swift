import BlastCore
import Foundation

/// A transparent cache of imported models: the first query on a set of inputs (YAML, JSON, AWS or
/// Kubernetes exports) writes the validated model as a binary snapshot, with the importers' notes
/// beside it; a later query on byte-identical inputs (same paths, same contents, same `--key`s,
/// same blast build) loads the snapshot instead of parsing and importing again.
///
/// The key is a 128-bit SipHash of the build identity, every path and every byte of every input,
/// so a changed file, a renamed file (origins name the path) or a rebuilt blast misses. Entries are
/// written to a temporary file and renamed into place, so a concurrent reader never sees half of
/// one; a damaged or unreadable entry is ignored and rewritten. Nothing is cached when every input
/// is already a snapshot.
public struct ModelCache: Sendable {
    /// The folder the entries live in.
    public let directory: String
    /// What identifies the blast build that wrote an entry (its version and executable).
    public let build: String

    public init(directory: String, build: String) {
        self.directory = directory
        self.build = build
    }

    /// `$XDG_CACHE_HOME/blast`, else `$HOME/.cache/blast`; nil when neither is set.
    public static func standard(build: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> ModelCache? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return ModelCache(directory: xdg + "/blast", build: build) }
        if let home = environment["HOME"], !home.isEmpty { return ModelCache(directory: home + "/.cache/blast", build: build) }
        return nil
    }

    /// The entry's name for these inputs: 32 hex digits.
    /// - Complexity: O(total size of the inputs).
    func key(for files: [SourceFile], accessKeys: [String: String]) -> String {
        var hasher = SipHash128()
        hasher.add(field: "blast-model-cache-1\u{0}\(build)")
        for file in files {
            hasher.add(field: file.path)
            // The bytes in place: a large export is hashed without a copy.
            if let snapshot = file.snapshot { snapshot.withUnsafeBytes { hasher.add(field: $0) } } else { hasher.add(field: file.text) }
        }
        for (user, key) in accessKeys.sorted(by: { $0.key < $1.key }) { hasher.add(field: "\(key)=\(user)") }
        return hasher.finish()
    }

    private func paths(_ key: String) -> (snapshot: String, notes: String) {
        (directory + "/" + key + ".snap", directory + "/" + key + ".notes.json")
    }

    /// The cached model for `key`, if a sound entry exists.
    func lookup(_ key: String) -> ImportedModel? {
        let (snapshotPath, notesPath) = paths(key)
        guard let data = FileManager.default.contents(atPath: snapshotPath), ModelSnapshot.isSnapshot(data),
            let notesData = FileManager.default.contents(atPath: notesPath),
            let notes = try? JSONDecoder().decode([CachedNote].self, from: notesData),
            let model = try? ModelSnapshot.model(from: data, file: snapshotPath),
            let validated = try? model.validated()
        else { return nil }
        return ImportedModel(validated: validated, notes: notes.map(\.note), fromCache: true)
    }

    /// Writes the entry for `key`; a cache that cannot be written is skipped (the answer does not
    /// depend on it).
    func store(_ key: String, _ imported: ImportedModel) {
        let (snapshotPath, notesPath) = paths(key)
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        guard let notes = try? JSONEncoder().encode(imported.notes.map(CachedNote.init)) else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // The notes first: an entry counts only once its snapshot is in place.
            for (path, bytes) in [(notesPath, notes), (snapshotPath, Data(ModelSnapshot.bytes(imported.model)))] {
                let temporary = path + ".tmp-" + unique
                try bytes.write(to: URL(fileURLWithPath: temporary))
                if rename(temporary, path) != 0 {
                    try? FileManager.default.removeItem(atPath: temporary)
                    return
                }
            }
        } catch {
            return
        }
    }

    /// An importer note as the cache stores it.
    private struct CachedNote: Codable {
        let file: String
        let keyPath: String?
        let message: String

        init(_ note: ImportNote) {
            file = note.file
            keyPath = note.keyPath
            message = note.message
        }

        var note: ImportNote { ImportNote(file: file, keyPath: keyPath, message: message) }
    }
}

/// SipHash-2-4 in its 128-bit output mode over length-prefixed fields: keyed, fast, and the same
/// on every platform (Swift's `Hasher` is seeded per process, so it cannot name a file).
struct SipHash128 {
    private var v0: UInt64 = 0x736f_6d65_7073_6575
    private var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ 0xee
    private var v2: UInt64 = 0x6c79_6765_6e65_7261
    private var v3: UInt64 = 0x7465_6462_7974_6573
    private var tail: [UInt8] = []
    private var length: UInt64 = 0

    init() {
        // Key: the bytes of "blast-cache-key!" (fixed: the cache must be stable across runs).
        let k0: UInt64 = 0x6163_2d74_7361_6c62, k1: UInt64 = 0x2179_656b_2d65_6863
        v0 ^= k0
        v1 ^= k1
        v2 ^= k0
        v3 ^= k1
    }

    private mutating func round() {
        v0 &+= v1
        v1 = (v1 << 13) | (v1 >> 51)
        v1 ^= v0
        v0 = (v0 << 32) | (v0 >> 32)
        v2 &+= v3
        v3 = (v3 << 16) | (v3 >> 48)
        v3 ^= v2
        v0 &+= v3
        v3 = (v3 << 21) | (v3 >> 43)
        v3 ^= v0
        v2 &+= v1
        v1 = (v1 << 17) | (v1 >> 47)
        v1 ^= v2
        v2 = (v2 << 32) | (v2 >> 32)
    }

    private mutating func compress(_ m: UInt64) {
        v3 ^= m
        round()
        round()
        v0 ^= m
    }

    private mutating func add(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var k = 0
        if !tail.isEmpty {
            while tail.count < 8 && k < bytes.count {
                tail.append(bytes[k])
                k += 1
            }
            guard tail.count == 8 else { return }
            compress(tail.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian })
            tail.removeAll(keepingCapacity: true)
        }
        while k + 8 <= bytes.count {
            compress(bytes.loadUnaligned(fromByteOffset: k, as: UInt64.self).littleEndian)
            k += 8
        }
        tail.append(contentsOf: bytes[k...])
    }

    /// One field, prefixed with its length so that fields cannot run into each other.
    mutating func add(field bytes: UnsafeRawBufferPointer) {
        var n = UInt64(bytes.count).littleEndian
        withUnsafeBytes(of: &n) { add($0) }
        add(bytes)
    }

    /// A string field: its UTF-8 bytes in place when the string is contiguous (native strings are).
    mutating func add(field text: String) {
        var text = text
        text.withUTF8 { add(field: UnsafeRawBufferPointer($0)) }
    }

    /// The 128-bit digest as 32 lowercase hex digits.
    mutating func finish() -> String {
        var last = (length & 0xff) << 56
        for (k, byte) in tail.enumerated() { last |= UInt64(byte) << (8 * UInt64(k)) }
        compress(last)
        v2 ^= 0xee
        for _ in 0..<4 { round() }
        let high = v0 ^ v1 ^ v2 ^ v3
        v1 ^= 0xdd
        for _ in 0..<4 { round() }
        let low = v0 ^ v1 ^ v2 ^ v3
        return [high, low].map { String($0, radix: 16).leftPadded(to: 16) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
