import Foundation

/// The IAM credential report (`aws iam get-credential-report`, base64-decoded CSV) as written:
/// one row per user, keyed by AWS's column names.
struct RawCredentialReport: Sendable {
    struct Row: Sendable {
        /// The CSV line (1-based), for messages.
        var line: Int
        var fields: [String: String]

        subscript(_ column: String) -> String? {
            guard let v = fields[column], !v.isEmpty, v != "N/A", v != "not_supported", v != "no_information" else { return nil }
            return v
        }

        func flag(_ column: String) -> Bool { self[column] == "true" }
    }

    static let requiredColumns = ["user", "arn"]
    var rows: [Row]

    /// Splits the CSV; the header must name at least `user` and `arn`.
    init(parsing text: String, file: String) throws(ImportError) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first.map(RawCredentialReport.split) else {
            throw ImportError(.emptyDocument, "the credential report is empty", file: file)
        }
        for column in Self.requiredColumns where !header.contains(column) {
            throw ImportError(
                .missingKey, "the credential report has no '\(column)' column; export it with `aws iam get-credential-report`",
                file: file, line: 1)
        }
        var rows: [Row] = []
        for (k, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let values = RawCredentialReport.split(line)
            guard values.count == header.count else {
                throw ImportError(
                    .wrongType, "row has \(values.count) fields, the header \(header.count); the report looks truncated",
                    file: file, line: k + 1)
            }
            rows.append(Row(line: k + 1, fields: Dictionary(zip(header, values), uniquingKeysWith: { a, _ in a })))
        }
        self.rows = rows
    }

    /// Comma-separated fields; double quotes protect commas (the report rarely needs them).
    static func split(_ line: String) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        for ch in line {
            switch ch {
            case "\"": quoted.toggle()
            case "," where !quoted:
                out.append(field)
                field = ""
            case "\r": continue
            default: field.append(ch)
            }
        }
        out.append(field)
        return out
    }
}
