import BlastAudit
import BlastCore
import BlastImport
import Foundation

/// Reads the audit's side inputs: usage records (CSV or JSON lines), suppressions and check
/// policies (YAML), and baselines (a saved `blast audit --format json` run). Errors name the file,
/// line and key, and end the command with exit code 1.
enum AuditInputs {
    static func read(_ path: String, option: String) throws(CommandFailure) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("error: \(option): cannot read '\(path)': \(error.localizedDescription)", exitCode: .noInput)
        }
        // Bytes that are not UTF-8 are bad input, not an unreadable file (found by fuzzing).
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        guard let text = String(validating: data.starts(with: bom) ? data.dropFirst(3) : data[...], as: UTF8.self) else {
            throw CommandFailure(SourceLocation(file: path, keyPath: "").diagnostic("the file is not UTF-8 text; save it as UTF-8"))
        }
        return text
    }

    /// Reads a YAML side file through the located reader (`NodeReader`); its errors end the
    /// command as `file:line: error: key.path: message`.
    static func yaml<T>(_ path: String, option: String, _ decode: (NodeReader) throws(ImportError) -> T) throws(CommandFailure) -> T {
        let text = try read(path, option: option)
        let root: NodeReader?
        do throws(ImportError) { root = try NodeReader.parse(text, file: path) } catch { throw failure(error) }
        guard let root else { throw CommandFailure(SourceLocation(file: path, keyPath: "").diagnostic("the file is empty")) }
        do throws(ImportError) { return try decode(root) } catch { throw failure(error) }
    }

    /// A located reader's error as the command's; a syntax error says the file is not valid YAML.
    private static func failure(_ error: ImportError) -> CommandFailure {
        var error = error
        if error.code == .syntax { error.message = "not valid YAML: " + error.message.replacingOccurrences(of: "syntax: ", with: "") }
        return CommandFailure(error.description)
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

    /// A note for each identity the usage names but the model does not have (a typo such as
    /// `ci-runnr`): its records count for nothing, and without records the identity is not judged
    /// by lp.unused-permission, so the typo must not pass in silence. One note per identity, at its
    /// first record, with the closest identity of the model.
    static func noteUnknownIdentities(_ records: [UsageRecord], graph: AccessGraph, io: inout CommandIO) {
        var noted = Set<String>()
        var names: [String]?
        for r in records where !noted.contains(r.identity) {
            if case .identity? = graph.element(named: r.identity) { continue }
            noted.insert(r.identity)
            if names == nil { names = graph.identityIDs.map { graph.identity($0).id } }
            let guess = Suggestion.closest(to: r.identity, among: names ?? []).map { "; did you mean '\($0)'?" } ?? ""
            let location = r.origin ?? SourceLocation(file: "usage", keyPath: "")
            io.diagnose(
                location.diagnostic(
                    "identity \(quoted(r.identity)) is not an identity of the model: its usage records are ignored\(guess)",
                    severity: "note"))
        }
    }

    private static func fail(_ path: String, _ line: Int, _ message: String) -> CommandFailure {
        CommandFailure(SourceLocation(file: path, line: line, keyPath: "").diagnostic(message))
    }

    private static func time(_ text: String, _ path: String, _ line: Int) throws(CommandFailure) -> Instant {
        guard let t = Instant(iso8601: text) else {
            throw fail(path, line, "time \(quoted(text)) is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
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
                    throw fail(
                        path, n,
                        "the header must name the columns \(columns.joined(separator: ",")); missing \(missing.joined(separator: ", "))")
                }
                header = map
                continue
            }
            guard fields.count >= h.count else { throw fail(path, n, "expected \(h.count) fields, found \(fields.count)") }
            func field(_ name: String) -> String { fields[h[name]!] }
            for c in columns where field(c).isEmpty { throw fail(path, n, "'\(c)' is empty") }
            out.append(
                UsageRecord(
                    identity: field("identity"), action: field("action"), resource: field("resource"),
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
            guard let object = try? JSONDecoder().decode(RawUsageLine.self, from: Data(line.utf8)) else {
                throw fail(path, n, "not a JSON object; each line must be {\"identity\": …, \"action\": …, \"resource\": …, \"time\": …}")
            }
            func field(_ name: String, _ value: String?) throws(CommandFailure) -> String {
                if object.notStrings.contains(name) { throw fail(path, n, "field '\(name)' must be a string") }
                guard let v = value, !v.isEmpty else { throw fail(path, n, "missing string field '\(name)'") }
                return v
            }
            out.append(
                UsageRecord(
                    identity: try field("identity", object.identity), action: try field("action", object.action),
                    resource: try field("resource", object.resource),
                    time: try time(try field("time", object.time), path, n), origin: SourceLocation(file: path, line: n, keyPath: "")))
        }
        return out
    }

    /// One line of JSON-lines usage; a field that is absent reads as nil, one that is not a
    /// string is remembered so the message can say so.
    private struct RawUsageLine: Decodable {
        var identity, action, resource, time: String?
        /// Fields present with a value that is not a string.
        var notStrings: [String] = []

        enum CodingKeys: String, CodingKey { case identity, action, resource, time }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            var notStrings: [String] = []
            func field(_ key: CodingKeys) -> String? {
                guard c.contains(key) else { return nil }
                if let s = try? c.decode(String.self, forKey: key) { return s }
                if (try? c.decodeNil(forKey: key)) != true { notStrings.append(key.rawValue) }
                return nil
            }
            identity = field(.identity)
            action = field(.action)
            resource = field(.resource)
            time = field(.time)
            self.notStrings = notStrings
        }
    }

    // MARK: Suppressions

    /// `suppressions:` — a list of `{rule, subject, justification, expires?}`.
    static func suppressions(_ path: String) throws(CommandFailure) -> [Suppression] {
        try yaml(path, option: "--ignore", readSuppressions)
    }

    enum SuppressionsKey: String, SchemaKey { case version, suppressions }
    enum SuppressionKey: String, SchemaKey { case rule, subject, justification, expires }

    private static func readSuppressions(_ root: NodeReader) throws(ImportError) -> [Suppression] {
        var out: [Suppression] = []
        let fields = try root.fields(SuppressionsKey.self)
        for item in try fields.required(.suppressions, "list of {rule, subject, justification}").items() {
            let m = try item.fields(SuppressionKey.self)
            let ruleValue = try m.required(.rule, "rule id")
            let rule = try ruleValue.scalar().text
            guard rule.contains(where: { $0 == "*" || $0 == "?" }) || Audit.rule(rule) != nil else {
                let hint = Suggestion.closest(to: rule, among: Audit.rules.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
                throw ruleValue.error("unknown rule \(quoted(rule))\(hint)")
            }
            let justificationValue = try m.required(.justification, "reason the exception is accepted")
            let justification = try justificationValue.scalar().text
            guard !justification.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw justificationValue.error("write why the exception is accepted")
            }
            out.append(
                Suppression(
                    rule: rule, subject: try m.required(.subject, "finding subject").scalar().text,
                    justification: justification, expires: try m[.expires]?.scalar().instant(), origin: item.location))
        }
        return out
    }

    // MARK: Baseline

    /// The fingerprints of a saved JSON run (`findings[].fingerprint`).
    static func baseline(_ path: String) throws(CommandFailure) -> Set<String> {
        let text = try read(path, option: "--baseline")
        guard let saved = try? JSONDecoder().decode(RawBaseline.self, from: Data(text.utf8)) else {
            throw CommandFailure(
                SourceLocation(file: path, keyPath: "").diagnostic(
                    "not a saved audit; write one with 'blast audit MODEL --format json -o \(path)'"))
        }
        var out = Set<String>()
        for (k, f) in saved.findings.enumerated() {
            guard let fp = f.fingerprint else {
                throw CommandFailure(SourceLocation(file: path, keyPath: "").diagnostic("findings[\(k)] has no fingerprint"))
            }
            out.insert(fp)
        }
        return out
    }

    /// The part of a saved audit (`AuditJSON.Report`) a baseline reads: each finding's fingerprint.
    private struct RawBaseline: Decodable {
        var findings: [Finding]

        struct Finding: Decodable {
            /// Nil when absent or not a string.
            var fingerprint: String?

            enum CodingKeys: String, CodingKey { case fingerprint }

            init(from decoder: Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                fingerprint = try? c.decode(String.self, forKey: .fingerprint)
            }
        }
    }
}
