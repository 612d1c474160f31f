import BlastCLI
import Foundation
import Testing

/// A tiny run of what `make bench` does (Benchmarks/bench.py), so the benchmark cannot rot:
/// generate a synthetic organisation, export its edge list, and ask the generated model the
/// questions the benchmark times. No timing here; the figures come from `make bench`.
@Suite("Benchmark smoke run", .serialized)
struct BenchSmokeTests {
    let directory: URL
    let model: String
    let edges: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("blast-bench-smoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        model = directory.appendingPathComponent("org-300.json").path
        edges = directory.appendingPathComponent("org-300.edges").path
    }

    /// Generates the 300-identity organisation (seed 1) into `model`.
    func generate() throws {
        let r = BlastCommand.execute(["generate", "--identities", "300", "--seed", "1", "-o", model])
        try #require(r.exitCode == 0, "generate: \(r.stderr)")
    }

    /// The first entry of a top-level array in the generated JSON model.
    func first(_ key: String, where match: ([String: Any]) -> Bool = { _ in true }) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any]
        let entries = try #require(object?[key] as? [[String: Any]], "the model has no \(key)")
        let found = entries.first(where: match)
        return try #require(found, "no matching entry in \(key)")
    }

    @Test("generate is deterministic: the same seed writes the same bytes")
    func generateIsDeterministic() throws {
        try generate()
        let again = directory.appendingPathComponent("again.json").path
        #expect(BlastCommand.execute(["generate", "--identities", "300", "--seed", "1", "-o", again]).exitCode == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == Data(contentsOf: URL(fileURLWithPath: again)))
    }

    @Test("export writes the header bench.py reads and one `u v` line per edge, ids in range")
    func exportEdgeList() throws {
        try generate()
        let r = BlastCommand.execute(["export", model, "--format", "edges", "-o", edges])
        try #require(r.exitCode == 0, "export: \(r.stderr)")
        let lines = try String(contentsOfFile: edges, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.first.map(String.init))
        #expect(header.hasPrefix("# blast edge list: "))
        var fields: [String: Int] = [:]
        for pair in header.dropFirst("# blast edge list: ".count).split(separator: " ") {
            let kv = pair.split(separator: "=")
            if kv.count == 2 { fields[String(kv[0])] = Int(kv[1]) }
        }
        let nodes = try #require(fields["nodes"]), count = try #require(fields["edges"]), credentials = try #require(fields["credentials"])
        #expect(credentials > 0 && credentials < nodes)
        #expect(count > 300, "about 3.3 edges per identity")
        let body = lines.dropFirst().filter { !$0.isEmpty }
        #expect(body.count == count)
        for line in body {
            let ids = line.split(separator: " ").compactMap { Int($0) }
            #expect(ids.count == 2 && ids.allSatisfy { (0..<nodes).contains($0) }, "bad line: \(line)")
        }
    }

    @Test("radius, who-can and rank answer on the generated model")
    func queriesAnswer() throws {
        try generate()
        let at = ["--at", "2026-11-23", "--format", "json"]
        let credential = try #require(first("credentials")["id"] as? String)
        let radius = BlastCommand.execute(["radius", model, "--from", credential] + at)
        #expect(radius.exitCode == 0, "radius: \(radius.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: Data(radius.stdout))) as? [String: Any] != nil)

        let critical = try #require(first("resources", where: { $0["criticality"] as? String == "critical" })["id"] as? String)
        let who = BlastCommand.execute(["who-can", model, "--reach", critical] + at)
        #expect(who.exitCode == 0, "who-can: \(who.stderr)")

        let rank = BlastCommand.execute(["rank", model, "--top", "5"] + at)
        #expect(rank.exitCode == 0, "rank: \(rank.stderr)")
        let ranked = (try? JSONSerialization.jsonObject(with: Data(rank.stdout))) as? [String: Any]
        #expect((ranked?["entries"] as? [Any])?.count == 5)
    }
}
