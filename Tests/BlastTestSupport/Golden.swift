import Foundation

/// Golden-file comparison: `Tests/Golden/<name>` holds the expected bytes.
///
/// Run the tests with `UPDATE_GOLDEN=1` to (re)write the files after an intended change, then
/// review the diff.
public enum Golden {
    public static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Nil when `actual` matches the golden file; otherwise a message describing the mismatch.
    public static func mismatch(_ actual: [UInt8], name: String) -> String? {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? Data(actual).write(to: url)
            return nil
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            return "no golden file \(name); run the tests with UPDATE_GOLDEN=1 to create it"
        }
        guard Array(expected) != actual else { return nil }
        let a = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let e = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
        let got = line < a.count ? String(a[line]) : "<end>"
        let want = line < e.count ? String(e[line]) : "<end>"
        return "\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(UPDATE_GOLDEN=1 rewrites it)"
    }
}
