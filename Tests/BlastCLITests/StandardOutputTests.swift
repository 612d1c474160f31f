import BlastCLI
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// C6: the finished output is written with checked writes. A failed write to standard output is
/// an error (exit 73, a message on stderr); a reader that closed the pipe ends the command
/// quietly with 141, as SIGPIPE would.
@Suite("Writing standard output", .serialized)
struct StandardOutputTests {
    /// A temporary file for stderr, opened for writing, and its path.
    func stderrFile() throws -> (fd: Int32, path: String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("blast-stderr-\(UUID().uuidString)").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        return (fd, path)
    }

    func io(_ out: String, notes: String) -> CommandIO {
        var io = CommandIO()
        io.write(out)
        io.diagnose(notes)
        return io
    }

    @Test("a full disk (/dev/full) is exit 73 with a message naming standard output and the cause")
    func fullDisk() throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let (err, path) = try stderrFile()
        let code = io("dave reaches 3 resources\n", notes: "note: one").finish(.ok, stdout: full, stderr: err)
        close(err)
        #expect(code == 73)
        #expect(
            try String(contentsOfFile: path, encoding: .utf8)
                == "note: one\nerror: cannot write to standard output: No space left on device\n")
    }

    @Test("a closed pipe ends quietly with 141, the diagnostics still written")
    func closedPipe() throws {
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let (err, path) = try stderrFile()
        let code = io(String(repeating: "x", count: 200_000), notes: "note: one").finish(.ok, stdout: ends[1], stderr: err)
        close(err)
        #expect(code == 141)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "note: one\n")
    }

    @Test("a write that succeeds keeps the command's own status and writes every byte")
    func success() throws {
        let (out, outPath) = try stderrFile()
        let (err, errPath) = try stderrFile()
        let text = String(repeating: "line\n", count: 100_000)
        let code = io(text, notes: "note: one").finish(.no, stdout: out, stderr: err)
        close(out)
        close(err)
        #expect(code == 1)
        #expect(try String(contentsOfFile: outPath, encoding: .utf8) == text)
        #expect(try String(contentsOfFile: errPath, encoding: .utf8) == "note: one\n")
    }
}
