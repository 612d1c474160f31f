import BlastCLI
import BlastTestSupport
import Foundation
import Testing

/// The one exit-code table: answers (0, 1) and gates (2) never share a code with an error.
@Suite("Exit codes")
struct ExitStatusTests {
    @Test("errors use sysexits codes, apart from every answer and gate code")
    func errorsAreApart() {
        let answers: Set<Int32> = [ExitStatus.ok.rawValue, ExitStatus.no.rawValue, ExitStatus.violated.rawValue]
        let errors = ExitStatus.allCases.filter { $0.rawValue >= 64 }
        #expect(errors.map(\.rawValue) == [64, 65, 66, 73, 141])
        #expect(Set(errors.map(\.rawValue)).isDisjoint(with: answers))
    }

    @Test("--help prints the same table")
    func helpShowsTable() {
        let r = blast(["--help"])
        for status in ExitStatus.allCases { #expect(r.out.contains(status.meaning), "\(status)") }
    }

    @Test("the README lists every code with the same meaning")
    func readmeShowsTable() throws {
        let readme = try String(contentsOfFile: Fixtures.repositoryRoot + "/README.md", encoding: .utf8)
        for status in ExitStatus.allCases { #expect(readme.contains("| \(status.rawValue) | \(status.meaning) |"), "\(status)") }
    }

    @Test("a missing model file exits 66, an unparsable one 65, an id the model lacks 64")
    func inputErrors() throws {
        #expect(blast(["radius", "/nonexistent/model.yaml", "--from", "dave"] + at).code == 66)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blast-exit-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml").path
        try "version: 1\nidentities: [\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(blast(["radius", bad, "--from", "dave"] + at).code == 65)
        #expect(blast(["can", acme, "--from", "dave", "--action", "read", "--on", "prod/nothing"] + at).code == 64)
    }

    @Test("an output that cannot be written exits 73")
    func cannotWrite() {
        let r = blast(["radius", acme, "--from", "dave", "-o", "/proc/version/x.json"] + at)
        #expect(r.code == 73, "\(r.err)")
        #expect(r.err.contains("cannot write"))
    }

    @Test("a malformed option is a usage error, 64")
    func usage() {
        #expect(blast(["radius", acme, "--from", "dave", "--at", "yesterday"]).code == 64)
    }
}
