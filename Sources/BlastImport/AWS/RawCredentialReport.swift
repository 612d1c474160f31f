import BlastCore
import Foundation

/// The IAM credential report (`aws iam get-credential-report`, base64-decoded CSV) as written:
/// one row per user, keyed by AWS's column names (in any order; fields may be quoted).
///
/// Read strictly, because every lenient reading shrinks a leaked key's blast radius in silence:
/// the columns the mapping reads must all be there, a boolean is `true` or `false` (any case), a
/// date is ISO 8601; `N/A`, `not_supported`, `no_information` and an empty field mean "none".
struct RawCredentialReport: Sendable {
    struct Row: Sendable {
        /// The CSV line (1-based), for messages.
        var line: Int
        var fields: [String: String]
        var file: String

        subscript(_ column: String) -> String? {
            guard let v = fields[column], !Self.none.contains(v) else { return nil }
            return v
        }

        /// The values AWS writes for "nothing here".
        static let none: Set<String> = ["", "N/A", "not_supported", "no_information"]

        /// `true`/`false` in any case (a spreadsheet rewrites `true` as `TRUE`); absent is false;
        /// anything else is an error naming the line, the column and the value.
        func flag(_ column: String) throws(ImportError) -> Bool {
            guard let v = self[column] else { return false }
            switch v.lowercased() {
            case "true": return true
            case "false": return false
            default:
                throw ImportError(
                    .badValue, "\(quoted(v, limit: QuotedLimit.boolean)) is not a boolean; the credential report writes true or false",
                    file: file, line: line,
                    keyPath: column)
            }
        }

        /// An ISO 8601 date or date-time; absent is nil; anything else is an error naming the
        /// line, the column and the value.
        func date(_ column: String) throws(ImportError) -> Instant? {
            guard let v = self[column] else { return nil }
            guard let instant = Instant(iso8601: v) else {
                throw ImportError(
                    .badValue,
                    "\(quoted(v, limit: QuotedLimit.date)) is not a date; the credential report writes ISO 8601 (2025-09-14T11:00:00+00:00)",
                    file: file, line: line, keyPath: column)
            }
            return instant
        }
    }

    /// Every column AWS writes, in its order.
    static let columns = [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
        "access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active", "access_key_2_last_rotated",
        "access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active",
        "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ]
    /// The columns the mapping reads, all present in every report format AWS has written.
    static let requiredColumns = [
        "user", "arn", "password_enabled", "password_last_used", "password_last_changed", "mfa_active", "access_key_1_active",
        "access_key_1_last_rotated", "access_key_2_active", "access_key_2_last_rotated",
    ]
    /// Columns read when present: older reports lack the last-used columns; without them a key's
    /// last use (or a signing certificate) is unknown, and a note says so.
    static let optionalColumns = ["access_key_1_last_used_date", "access_key_2_last_used_date", "cert_1_active", "cert_2_active"]

    var rows: [Row]
    /// The optional columns this report lacks.
    var missingOptionalColumns: [String]

    /// Whether a first line is a credential report's header: at least three of AWS's column names.
    static func isHeader(_ line: Substring) -> Bool {
        let names = Set(split(String(line)).map { $0.trimmingCharacters(in: .whitespaces) })
        return names.intersection(columns).count >= 3
    }

    /// Splits the CSV; the header must name every required column, each row must have as many fields.
    init(parsing text: String, file: String) throws(ImportError) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let first = lines.first, !first.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ImportError(.emptyDocument, "the credential report is empty", file: file)
        }
        let header = RawCredentialReport.split(first).map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = Self.requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            let names = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw ImportError(
                .missingKey,
                "the credential report has no \(names) column\(missing.count == 1 ? "" : "s"); export it whole with `aws iam get-credential-report`",
                file: file, line: 1)
        }
        var seen = Set<String>()
        for name in header where !name.isEmpty && !seen.insert(name).inserted {
            throw ImportError(.badValue, "the column \(quoted(name)) appears twice in the header", file: file, line: 1)
        }
        missingOptionalColumns = Self.optionalColumns.filter { !header.contains($0) }
        var rows: [Row] = []
        for (k, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let values = RawCredentialReport.split(line)
            guard values.count == header.count else {
                throw ImportError(
                    .wrongType, "row has \(values.count) fields, the header \(header.count); the report looks truncated",
                    file: file, line: k + 1)
            }
            rows.append(Row(line: k + 1, fields: Dictionary(zip(header, values), uniquingKeysWith: { a, _ in a }), file: file))
        }
        self.rows = rows
    }

    /// Comma-separated fields; double quotes protect commas, and `""` inside quotes is a quote.
    static func split(_ line: String) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var previousWasQuote = false
        for ch in line {
            switch ch {
            case "\"":
                if quoted {
                    quoted = false
                    previousWasQuote = true
                    continue
                }
                if previousWasQuote { field.append("\"") }
                quoted = true
            case "," where !quoted:
                out.append(field)
                field = ""
            case "\r" where !quoted: break
            default: field.append(ch)
            }
            previousWasQuote = false
        }
        out.append(field)
        return out
    }
}
