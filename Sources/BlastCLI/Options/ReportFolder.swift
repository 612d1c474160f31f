import Foundation

/// The folder `blast report -o DIR` writes: only the files of the report, and it never overwrites
/// or deletes a file it did not write.
///
/// Each run records what it wrote in `DIR/.blast-report` (one relative path a line, sorted). The
/// next run may replace and remove exactly those files (diagrams of findings that are gone); any
/// other file is left alone, and a file in the way of the report (a `DIR/index.md` of someone
/// else's) stops the run before anything is written. A folder an earlier blast wrote without the
/// list is recognised by its `index.md` heading.
struct ReportFolder {
    static let manifestName = ".blast-report"
    static let manifestHeader = "# files written by blast report; the next run into this folder replaces and removes only these"

    let folder: URL

    init(_ path: String) {
        folder = URL(fileURLWithPath: path)
    }

    /// Writes `files` (relative path → bytes), removing what an earlier report wrote and this one
    /// does not; throws before writing anything when a file not written by blast is in the way.
    func write(_ files: [String: [UInt8]]) throws(CommandFailure) {
        let fm = FileManager.default
        let earlier = try earlierReport()
        for name in files.keys.sorted() where fm.fileExists(atPath: url(name).path) && !earlier.contains(name) {
            throw CommandFailure(
                "error: -o: '\(url(name).path)' was not written by blast report and would be overwritten; "
                    + "give a new or empty folder, or one an earlier blast report wrote",
                exitCode: .cannotWrite)
        }
        do {
            for name in files.keys.sorted() {
                try fm.createDirectory(at: url(name).deletingLastPathComponent(), withIntermediateDirectories: true)
            }
            for name in earlier.sorted() where files[name] == nil && fm.fileExists(atPath: url(name).path) {
                try fm.removeItem(at: url(name))
            }
            for name in files.keys.sorted() {
                try Data(files[name]!).write(to: url(name))
            }
            let manifest = ([Self.manifestHeader] + files.keys.sorted()).joined(separator: "\n") + "\n"
            try Data(manifest.utf8).write(to: url(Self.manifestName))
        } catch {
            throw CommandFailure(
                "error: -o: cannot write the report into '\(folder.path)': \(error.localizedDescription)", exitCode: .cannotWrite)
        }
    }

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The files an earlier report wrote here: from its list, or, for a folder written before the
    /// list existed, `index.md`, `overview.svg` and `evidence/NNN-RULE.svg` when `index.md` is a
    /// blast audit.
    func earlierReport() throws(CommandFailure) -> Set<String> {
        if let data = FileManager.default.contents(atPath: url(Self.manifestName).path) {
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
            // Only plain relative paths inside the folder are ever removed.
            return Set(lines.dropFirst().filter { !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") })
        }
        guard let index = FileManager.default.contents(atPath: url("index.md").path),
            index.starts(with: Array("# Least-privilege audit\n".utf8))
        else { return [] }
        var names: Set<String> = ["index.md", "overview.svg"]
        let evidence = (try? FileManager.default.contentsOfDirectory(atPath: url("evidence").path)) ?? []
        for name in evidence where Self.isEvidenceName(name) { names.insert("evidence/\(name)") }
        return names
    }

    /// `007-lp.standing-admin.svg`: three digits, a dash, a rule id, `.svg`.
    static func isEvidenceName(_ name: String) -> Bool {
        let parts = name.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 3, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
            parts[1].hasSuffix(".svg")
        else { return false }
        return parts[1].dropLast(4).allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }
    }
}
