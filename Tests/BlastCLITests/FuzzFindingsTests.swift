import BlastCLI
import BlastTestSupport
import Foundation
import Testing

/// Inputs the fuzz targets found (docs/fuzzing.md), each reduced to its reproducer: the error
/// names the file and says what is wrong, like every other bad input.
@Suite("Fuzz findings", .serialized)
struct FuzzFindingsTests {
    /// Writes `bytes` as a policy and runs `blast check` on the sample with it.
    func check(policy bytes: [UInt8]) throws -> (path: String, code: Int32, err: String) {
        let path = try scratchFolder().appendingPathComponent("policy.yaml").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let r = runBlast(["check", Fixtures.acmePath, "--policy", path, "--at", "2026-11-23"])
        return (path, r.code, r.err)
    }

    @Test("policy: a byte that is not UTF-8 is bad input at the file (65), not an unreadable file (66)")
    func policyNotUTF8() throws {
        let r = try check(policy: Array("version: 1\nassertions:\n  - kind: no-reach".utf8) + [0xFF, 0x0A])
        #expect(r.code == 65)
        #expect(r.err == "\(r.path): error: the file is not UTF-8 text; save it as UTF-8\n")
    }
}
