import BlastCore
import Foundation
import Testing

@testable import BlastImport

/// The model cache: a second load of byte-identical inputs reads the snapshot the first wrote;
/// anything that could change the answer misses.
@Suite("Model cache")
struct ModelCacheTests {
    /// A fresh cache folder and a copy of a model file in a scratch folder.
    func scratch(_ text: String = "version: 1\nidentities:\n  - id: ann\nresources:\n  - id: wiki\n") throws -> (ModelCache, String, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blast-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let model = dir.appendingPathComponent("model.yaml").path
        try text.write(toFile: model, atomically: true, encoding: .utf8)
        return (ModelCache(directory: dir.appendingPathComponent("cache").path, build: "test 1"), model, dir)
    }

    func entries(_ cache: ModelCache) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.directory)) ?? []).sorted()
    }

    @Test("the first load writes a snapshot and the notes; the second reads them and gives the same model and notes")
    func hit() throws {
        let (cache, model, dir) = try scratch(
            "version: 1\nidentities:\n  - id: ann\nroles:\n  - id: r\n    allow:\n      - actions: [read]\n        resources: [nothing/here]\ngrants:\n  - to: ann\n    role: r\nresources:\n  - id: wiki\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try ModelSources.load(paths: [model], cache: cache)
        #expect(!first.fromCache)
        #expect(entries(cache).count == 2)
        let second = try ModelSources.load(paths: [model], cache: cache)
        #expect(second.fromCache)
        #expect(second.model == first.model)
        #expect(second.notes == first.notes)
    }

    @Test("a changed file, another path, other --key hints or another build miss")
    func misses() throws {
        let (cache, model, dir) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try ModelSources.load(paths: [model], cache: cache)
        #expect(try ModelSources.load(paths: [model], cache: cache).fromCache)
        #expect(try !ModelSources.load(paths: [model], accessKeys: ["ann": "AKIA1"], cache: cache).fromCache)
        let rebuilt = ModelCache(directory: cache.directory, build: "test 2")
        #expect(try !ModelSources.load(paths: [model], cache: rebuilt).fromCache)
        let copy = dir.appendingPathComponent("copy.yaml").path
        try FileManager.default.copyItem(atPath: model, toPath: copy)
        let moved = try ModelSources.load(paths: [copy], cache: cache)
        #expect(!moved.fromCache)
        #expect(moved.model.identities.first?.origin?.file == copy)
        try "version: 1\nidentities:\n  - id: bob\n".write(toFile: model, atomically: true, encoding: .utf8)
        let changed = try ModelSources.load(paths: [model], cache: cache)
        #expect(!changed.fromCache)
        #expect(changed.model.identities.map(\.id) == ["bob"])
    }

    @Test("a damaged entry is ignored and rewritten, never read as a model")
    func damaged() throws {
        let (cache, model, dir) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try ModelSources.load(paths: [model], cache: cache)
        let snapshot = try #require(entries(cache).first { $0.hasSuffix(".snap") })
        let path = cache.directory + "/" + snapshot
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 2] ^= 0xff
        try bytes.write(to: URL(fileURLWithPath: path))
        let again = try ModelSources.load(paths: [model], cache: cache)
        #expect(!again.fromCache)
        #expect(again.model == first.model)
        #expect(try ModelSources.load(paths: [model], cache: cache).fromCache)
    }

    @Test("inputs that are all snapshots are not cached again")
    func snapshotsPassThrough() throws {
        let (cache, model, dir) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let snap = dir.appendingPathComponent("model.snap").path
        try Data(ModelSnapshot.bytes(try ModelSources.load(paths: [model]).model)).write(to: URL(fileURLWithPath: snap))
        #expect(try !ModelSources.load(paths: [snap], cache: cache).fromCache)
        #expect(entries(cache).isEmpty)
    }

    @Test("the key is stable for the same inputs and build, and 32 hex digits")
    func key() throws {
        let (cache, model, dir) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try ModelSources.read(model)
        let k = cache.key(for: [file], accessKeys: [:])
        #expect(k == cache.key(for: [file], accessKeys: [:]))
        #expect(k.count == 32 && k.allSatisfy(\.isHexDigit))
        #expect(k != ModelCache(directory: cache.directory, build: "other").key(for: [file], accessKeys: [:]))
    }

    @Test("the cache folder follows XDG_CACHE_HOME, then HOME")
    func location() {
        #expect(ModelCache.standard(build: "b", environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.directory == "/x/blast")
        #expect(ModelCache.standard(build: "b", environment: ["HOME": "/h"])?.directory == "/h/.cache/blast")
        #expect(ModelCache.standard(build: "b", environment: [:]) == nil)
    }
}
