import BlastCore
@testable import BlastImport
import Foundation
import Testing

/// Issue 15: native models that used to load with a silently different meaning (trial defects E7,
/// E8) are refused with the file, line and key.
@Suite("Native strict input")
struct NativeStrictInputTests {
    /// Loads files through `ModelSources.load` (written to a temporary folder), as every command does.
    func load(_ files: [String: String]) throws -> ImportedModel {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blast-native-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        return try ModelSources.load(paths: paths)
    }

    func loadError(_ files: [String: String]) throws -> ImportError {
        do {
            _ = try load(files)
        } catch let e as ImportError {
            return e
        }
        Issue.record("expected an error")
        throw CancellationError()
    }

    // E7

    @Test("E7: a top-level key written twice in JSON is refused with its line, as in YAML")
    func duplicateTopLevelKey() throws {
        let e = try loadError(["m.json": #"{"version": 1, "identities": [{"id": "a"}], "identities": [{"id": "b"}]}"#])
        #expect(e.code == .syntax && e.line == 1 && e.message.contains("duplicate key 'identities'"))
    }

    @Test("E7: a key written twice inside an element is refused with its line")
    func duplicateInnerKey() throws {
        let e = try loadError(["m.json": "{\"version\": 1,\n \"identities\": [{\"id\": \"a\", \"id\": \"b\"}]}"])
        #expect(e.code == .syntax && e.line == 2 && e.message.contains("duplicate key 'id'"))
    }

    @Test("E7: the same key in different objects is no duplicate")
    func sameKeyInSiblings() throws {
        let m = try load(["m.json": #"{"version": 1, "identities": [{"id": "a"}, {"id": "b"}]}"#])
        #expect(m.model.identities.map(\.id) == ["a", "b"])
    }

    @Test(
        "E7: the duplicate-key finder names the key and line, past strings, escapes and nesting",
        arguments: [
            (#"{"a": 1, "a": 2}"#, "a", 1), ("{\"a\": {\"a\": 1},\n \"b\": \"\\\"a\\\"\", \"b\": 2}", "b", 2),
            (#"[{"k": 1}, {"k": 2}, {"x": {"k": 1}, "k": 3}]"#, nil, 0), (#"{"s": "{\"a\": 1, \"a\": 2}"}"#, nil, 0),
        ])
    func duplicateFinder(text: String, key: String?, line: Int) {
        let d = JSONDuplicateKeys.first(in: text)
        #expect(d?.key == key)
        if key != nil { #expect(d?.line == line) }
    }

    @Test("E7: a duplicate among many keys of one object is found")
    func duplicateAmongMany() {
        let keys = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k7\": 0"]
        #expect(JSONDuplicateKeys.first(in: "{" + keys.joined(separator: ", ") + "}")?.key == "k7")
    }

    // E8

    let scoped = """
        version: 1
        identities: [{id: dev}]
        roles: [{id: reader, allow: [{actions: [read], resources: ["*"]}]}]
        resources: [{id: prod/eu/db}]
        grants:
          - to: dev
            role: reader
            scope: SCOPE
        """

    @Test("E8: a grant scope that covers no declared resource is refused at the grant", arguments: ["nowhere", "prod/ue", "prod/e"])
    func scopeCoversNothing(scope: String) throws {
        let e = try loadError(["m.yaml": scoped.replacingOccurrences(of: "SCOPE", with: scope)])
        #expect(e.line == 6 && e.keyPath == "grants[0].scope" && e.message.contains("'\(scope)'"))
    }

    @Test("E8: a scope naming a resource, or a prefix of one at a '/', is accepted", arguments: ["prod", "prod/eu", "prod/eu/db"])
    func scopeCoversSomething(scope: String) throws {
        let m = try load(["m.yaml": scoped.replacingOccurrences(of: "SCOPE", with: scope)])
        #expect(m.model.grants.first?.scope == scope)
    }

    @Test("E8: a scope may cover a resource declared in another file")
    func scopeAcrossFiles() throws {
        let m = try load([
            "a.yaml": scoped.replacingOccurrences(of: "SCOPE", with: "prod/us").replacingOccurrences(
                of: "resources: [{id: prod/eu/db}]\n", with: ""),
            "b.yaml": "version: 1\nresources: [{id: prod/us/db}]\n",
        ])
        #expect(m.model.grants.count == 1)
    }

    // F1

    @Test("F1: a native YAML file with a byte-order mark whose first line is a key loads")
    func byteOrderMark() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blast-bom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bom.yaml").path
        try (Data([0xEF, 0xBB, 0xBF]) + Data("version: 1\nidentities: [{id: a}]\n".utf8)).write(to: URL(fileURLWithPath: path))
        #expect(try ModelSources.load(paths: [path]).model.identities.map(\.id) == ["a"])
    }

    // E16

    @Test("E16: a megabyte-long bad value gives a short message: the start of the value and its length")
    func longValueTruncated() throws {
        let value = String(repeating: "9", count: 1_000_000)
        let e = try loadError(["m.yaml": "version: 1\ngrants: [{to: a, role: r, expires: \"\(value)\"}]\n"])
        #expect(e.code == .badValue && e.keyPath == "grants[0].expires")
        #expect(e.description.count < 250)
        #expect(e.message.hasPrefix("'" + String(repeating: "9", count: 40) + "'… (1000000 characters) is not a date"))
    }

    @Test("E16: a secret pasted into a boolean field shows only its first 16 characters")
    func secretInBoolean() throws {
        let secret = "SECRETMARKER1-" + String(repeating: "k", count: 26)
        let e = try loadError(["m.yaml": "version: 1\nidentities: [{id: a}]\ncredentials: [{id: c, of: a, mfa: \(secret)}]\n"])
        #expect(e.keyPath == "credentials[0].mfa")
        #expect(e.message == "'SECRETMARKER1-kk'… (40 characters) is not a boolean; use true or false")
    }

    @Test("E16: a value in the wrong field is quoted with control characters escaped and cut at 60 characters")
    func quotedValues() {
        #expect(quoted("2026-13-01") == "'2026-13-01'")
        #expect(quoted("a\nb\u{1B}[31m\u{7}") == "'a\\nb\\e[31m\\u{7}'")
        #expect(quoted(String(repeating: "s", count: 61)) == "'" + String(repeating: "s", count: 60) + "'… (61 characters)")
    }

    @Test("E16/U3: a CSV that is not recognised is not dumped whole into the error")
    func csvNotDumped() throws {
        let header = (0..<200).map { "column\($0)" }.joined(separator: ",")
        let e = try loadError(["x.csv": header + "\n" + (0..<200).map { _ in "v" }.joined(separator: ",") + "\n"])
        #expect(e.description.count < 400)
    }
}
