import BlastAudit
import BlastCore
import Foundation

/// Reads the audit's side inputs: usage records (CSV or JSON lines), suppressions and check
/// policies (YAML), and baselines (a saved `blast audit --format json` run). Errors name the file,
/// line and key, and end the command with exit code 1.
enum AuditInputs {
    static func read(_ path: String, option: String) throws(CommandFailure) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure("error: \(option): cannot read '\(path)': \(error.localizedDescription)", exitCode: .noInput)
        }
    }

    // MARK: Usage

    /// Usage records from CSV (header `identity,action,resource,time`, any column order) or JSON
    /// lines (`{"identity": …, "action": …, "resource": …, "time": …}` per line). JSON lines when
    /// the file ends in `.jsonl`/`.ndjson` or its first non-blank character is `{`.
    static func usage(_ path: String) throws(CommandFailure) -> [UsageRecord] {
        let text = try read(path, option: "--usage")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let firstContent = text.first { !$0.isWhitespace }
        let isJSON = path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") || firstContent == "{"
        return isJSON ? try usageJSONLines(lines, path) : try usageCSV(lines, path)
    }

    private static func fail(_ path: String, _ line: Int, _ message: String) -> CommandFailure {
        CommandFailure("\(path):\(line): error: \(message)")
    }

    private static func time(_ text: String, _ path: String, _ line: Int) throws(CommandFailure) -> Instant {
        guard let t = Instant(iso8601: text) else {
            throw fail(path, line, "time '\(text)' is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
        }
        return t
    }

    private static func usageCSV(_ lines: [Substring], _ path: String) throws(CommandFailure) -> [UsageRecord] {
        let columns = ["identity", "action", "resource", "time"]
        var header: [String: Int]?
        var out: [UsageRecord] = []
        for (k, raw) in lines.enumerated() {
            let n = k + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = try csvFields(line, path, n)
            guard let h = header else {
                var map: [String: Int] = [:]
                for (i, f) in fields.enumerated() { map[f.lowercased()] = i }
                let missing = columns.filter { map[$0] == nil }
                guard missing.isEmpty else {
                    throw fail(path, n, "the header must name the columns \(columns.joined(separator: ",")); missing \(missing.joined(separator: ", "))")
                }
                header = map
                continue
            }
            guard fields.count >= h.count else { throw fail(path, n, "expected \(h.count) fields, found \(fields.count)") }
            func field(_ name: String) -> String { fields[h[name]!] }
            for c in columns where field(c).isEmpty { throw fail(path, n, "'\(c)' is empty") }
            out.append(UsageRecord(identity: field("identity"), action: field("action"), resource: field("resource"),
                                   time: try time(field("time"), path, n), origin: SourceLocation(file: path, line: n, keyPath: "")))
        }
        guard header != nil else { throw fail(path, 1, "empty usage file; start it with the header identity,action,resource,time") }
        return out
    }

    /// Comma-separated fields; a field in double quotes may hold commas and `""` for a quote.
    private static func csvFields(_ line: String, _ path: String, _ n: Int) throws(CommandFailure) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars = chars.dropFirst() } else { quoted = false }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
        }
        guard !quoted else { throw fail(path, n, "unterminated quoted field") }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }

    private static func usageJSONLines(_ lines: [Substring], _ path: String) throws(CommandFailure) -> [UsageRecord] {
        var out: [UsageRecord] = []
        for (k, raw) in lines.enumerated() {
            let n = k + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                throw fail(path, n, "not a JSON object; each line must be {\"identity\": …, \"action\": …, \"resource\": …, \"time\": …}")
            }
            func field(_ name: String) throws(CommandFailure) -> String {
                guard let v = object[name] as? String, !v.isEmpty else { throw fail(path, n, "missing string field '\(name)'") }
                return v
            }
            out.append(UsageRecord(identity: try field("identity"), action: try field("action"), resource: try field("resource"),
                                   time: try time(try field("time"), path, n), origin: SourceLocation(file: path, line: n, keyPath: "")))
        }
        return out
    }

    // MARK: Suppressions

    /// `suppressions:` — a list of `{rule, subject, justification, expires?}`.
    static func suppressions(_ path: String) throws(CommandFailure) -> [Suppression] {
        let doc = try AuditYAML(path: path, text: read(path, option: "--ignore"))
        var out: [Suppression] = []
        let root = try doc.root.mapping(allowed: ["version", "suppressions"])
        for item in try root.required("suppressions").items() {
            let m = try item.mapping(allowed: ["rule", "subject", "justification", "expires"])
            let rule = try m.required("rule").string()
            guard rule.contains(where: { $0 == "*" || $0 == "?" }) || Audit.rule(rule) != nil else {
                let hint = Suggestion.closest(to: rule, among: Audit.rules.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
                throw try m.required("rule").error("unknown rule '\(rule)'\(hint)")
            }
            let justification = try m.required("justification").string()
            guard !justification.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw try m.required("justification").error("write why the exception is accepted")
            }
            out.append(Suppression(rule: rule, subject: try m.required("subject").string(), justification: justification,
                                   expires: try m["expires"]?.instant(), origin: item.location))
        }
        return out
    }

    // MARK: Baseline

    /// The fingerprints of a saved JSON run (`findings[].fingerprint`).
    static func baseline(_ path: String) throws(CommandFailure) -> Set<String> {
        let text = try read(path, option: "--baseline")
        guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
              let findings = object["findings"] as? [[String: Any]] else {
            throw CommandFailure("\(path): error: not a saved audit; write one with 'blast audit MODEL --format json -o \(path)'")
        }
        var out = Set<String>()
        for (k, f) in findings.enumerated() {
            guard let fp = f["fingerprint"] as? String else { throw CommandFailure("\(path): error: findings[\(k)] has no fingerprint") }
            out.insert(fp)
        }
        return out
    }
}
