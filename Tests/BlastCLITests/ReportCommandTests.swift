import BlastCLI
import BlastTestSupport
import Foundation
import Testing

@Suite("blast report", .serialized)
struct ReportCommandTests {
    func files(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        for name in try fm.subpathsOfDirectory(atPath: folder.path) {
            var isDir: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            if fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue { out[name] = try Data(contentsOf: url) }
        }
        return out
    }

    @Test("the report has an index with the summary, a section and a diagram per finding, and the overview")
    func structure() throws {
        let folder = try scratchFolder().appendingPathComponent("report")
        let r = runBlast([
            "report", Fixtures.acmePath, "--at", "2026-11-23", "--usage", sample("acme-usage.csv"),
            "--ignore", sample("acme-ignore.yaml"), "-o", folder.path,
        ])
        #expect(r.code == 0, "\(r.err)")
        let written = try files(folder)
        let index = String(decoding: try #require(written["index.md"]), as: UTF8.self)
        #expect(index.hasPrefix("# Least-privilege audit"))
        #expect(index.contains("## Summary"))
        #expect(index.contains("| Severity | Findings |"))
        #expect(index.contains("### Top identities by radius"))
        #expect(index.contains("![The whole access model](overview.svg)"))
        let overview = String(decoding: try #require(written["overview.svg"]), as: UTF8.self)
        #expect(overview.contains("<svg") && overview.contains("</svg>"))
        let sections = index.components(separatedBy: "\n### ").filter { $0.first?.isNumber == true }
        let diagrams = written.keys.filter { $0.hasPrefix("evidence/") && $0.hasSuffix(".svg") }.sorted()
        #expect(!sections.isEmpty)
        for d in diagrams {
            #expect(index.contains("](\(d))"), "\(d) is not linked")
            let svg = String(decoding: written[d]!, as: UTF8.self)
            #expect(svg.contains("<svg") && svg.contains("</svg>"))
        }
        // Every finding but the suppression one has a diagram.
        let withoutPaths = sections.filter { $0.prefix { $0 != "\n" }.contains("lp.suppression-no-expiry") }.count
        #expect(diagrams.count == sections.count - withoutPaths)
        #expect(diagrams.first == "evidence/001-lp.standing-admin.svg" || diagrams.first?.hasPrefix("evidence/001-") == true)
    }

    @Test("regenerating the report gives identical files, and removes the stale diagrams of an earlier run")
    func deterministic() throws {
        let folder = try scratchFolder().appendingPathComponent("report")
        let args = ["report", Fixtures.acmePath, "--at", "2026-11-23", "-o", folder.path]
        #expect(runBlast(args).code == 0)
        let first = try files(folder)
        // An earlier run with usage records had more findings, hence more diagrams.
        #expect(runBlast(args + ["--usage", sample("acme-usage.csv")]).code == 0)
        #expect(try files(folder).count > first.count)
        #expect(runBlast(args).code == 0)
        let second = try files(folder)
        #expect(first == second)
        #expect(second[".blast-report"] != nil)
    }

    @Test("E12: report never overwrites or deletes a file it did not write")
    func foreignFiles() throws {
        let folder = try scratchFolder().appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("evidence"), withIntermediateDirectories: true)
        try Data("<svg/>".utf8).write(to: folder.appendingPathComponent("evidence/architecture.svg"))
        try Data("# notes\n".utf8).write(to: folder.appendingPathComponent("notes.md"))
        let args = ["report", Fixtures.acmePath, "--at", "2026-11-23", "-o", folder.path]
        #expect(runBlast(args).code == 0)
        #expect(runBlast(args).code == 0)
        let written = try files(folder)
        #expect(written["evidence/architecture.svg"] == Data("<svg/>".utf8))
        #expect(written["notes.md"] == Data("# notes\n".utf8))
        #expect(written["index.md"] != nil)
    }

    @Test("E12: a foreign index.md in the way stops the report before anything is written (73)")
    func foreignIndex() throws {
        let folder = try scratchFolder().appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("# team docs\n".utf8).write(to: folder.appendingPathComponent("index.md"))
        let r = runBlast(["report", Fixtures.acmePath, "--at", "2026-11-23", "-o", folder.path])
        #expect(r.code == 73)
        #expect(r.err.contains("index.md' was not written by blast report"))
        #expect(try files(folder) == ["index.md": Data("# team docs\n".utf8)])
    }

    @Test("E12: a report folder written before the file list existed is still recognised and refreshed")
    func legacyFolder() throws {
        let folder = try scratchFolder().appendingPathComponent("report")
        let args = ["report", Fixtures.acmePath, "--at", "2026-11-23", "-o", folder.path]
        #expect(runBlast(args).code == 0)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(".blast-report"))
        try Data("stale".utf8).write(to: folder.appendingPathComponent("evidence/999-lp.old-rule.svg"))
        #expect(runBlast(args).code == 0)
        #expect(try files(folder)["evidence/999-lp.old-rule.svg"] == nil)
    }
}
