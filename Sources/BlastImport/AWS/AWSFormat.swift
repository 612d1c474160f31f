import BlastCore
import Foundation
import Yams

/// AWS IAM exports: `get-account-authorization-details` JSON, the credential report CSV and the
/// optional resource inventory, recognised by content and imported together.
public enum AWSFormat: FormatImporter {
    public static let formatName = "aws"

    /// The kinds of file this importer reads.
    enum FileKind: Sendable { case authorizationDetails, credentialReport, inventory }

    public static func recognises(path: String, text: String) -> Bool { kind(of: text) != nil }

    static func kind(of text: String) -> FileKind? {
        // Leading whitespace (and a byte-order mark) does not count; the marker keys are looked for
        // in the first 64 KB after it, enough for a pretty-printed export whose first key holds
        // long values.
        let body = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        let head = body.prefix(65_536)
        if head.hasPrefix("{"),
            head.contains("\"UserDetailList\"") || head.contains("\"RoleDetailList\"")
                || head.contains("\"GroupDetailList\"") || head.contains("\"Policies\"") && head.contains("\"PolicyVersionList\"")
        {
            return .authorizationDetails
        }
        if let firstLine = head.split(maxSplits: 1, whereSeparator: \.isNewline).first, RawCredentialReport.isHeader(firstLine) {
            return .credentialReport
        }
        if head.hasPrefix("{") && head.contains("\"aws_inventory\"") { return .inventory }
        // YAML: the first line that is not a comment.
        let firstContent = head.split(whereSeparator: \.isNewline).lazy
            .map { $0.drop { $0 == " " || $0 == "\t" } }
            .first { !$0.isEmpty && !$0.hasPrefix("#") && $0 != "---" }
        if let firstContent, firstContent.hasPrefix("aws_inventory:") { return .inventory }
        return nil
    }

    public static func importModel(files: [SourceFile], context: inout ImportContext) throws(ImportError) -> Model {
        var input = AWSMapper.Input()
        for file in files {
            switch kind(of: file.text) {
            case .authorizationDetails?:
                let details = try decodeJSON(RawAuthorizationDetails.self, file)
                if details.IsTruncated == true {
                    throw ImportError(
                        .badValue,
                        "the export is one page of several (IsTruncated: true\(details.Marker.map { ", Marker \(quoted($0, limit: 20))" } ?? "")); analysing it would miss every principal and policy on the other pages. Export the whole account with `aws iam get-account-authorization-details` (without --max-items: the CLI joins the pages)",
                        file: file.path, keyPath: "IsTruncated")
                }
                for key in details.unknownKeys {
                    let known = RawAuthorizationDetails.CodingKeys.allCases.map(\.stringValue)
                    if let guess = Suggestion.closest(to: key, among: known) {
                        throw ImportError(
                            .unknownKey, "unknown key \(quoted(key)); did you mean '\(guess)'? Its entries would be missing",
                            file: file.path, keyPath: key)
                    }
                    context.notes.append(
                        ImportNote(file: file.path, keyPath: key, message: "not part of an authorization-details export; ignored"))
                }
                input.details.append((file.path, details))
            case .credentialReport?:
                input.reports.append((file.path, try RawCredentialReport(parsing: file.text, file: file.path)))
            case .inventory?:
                input.inventories.append((file.path, try decodeInventory(file)))
            case nil:
                throw ImportError(.wrongType, "not an AWS export this importer reads", file: file.path)
            }
        }
        input.keyOptions = context.accessKeys
        var mapper = AWSMapper(input: input)
        let model = try mapper.map()
        context.notes.append(contentsOf: mapper.notes)
        return model
    }

    /// Decodes JSON, turning decoding errors into `ImportError`s that name the JSON path.
    static func decodeJSON<T: Decodable>(_ type: T.Type, _ file: SourceFile) throws(ImportError) -> T {
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: Data(file.text.utf8))
        } catch let error as DecodingError {
            if case .dataCorrupted(let c) = error, c.codingPath.isEmpty, let p = JSONSyntax.firstProblem(in: file.text) {
                throw ImportError(.syntax, "not valid JSON: \(p.message)", file: file.path, line: p.line, column: p.column)
            }
            throw importError(error, file: file.path)
        } catch {
            if let p = JSONSyntax.firstProblem(in: file.text) {
                throw ImportError(.syntax, "not valid JSON: \(p.message)", file: file.path, line: p.line, column: p.column)
            }
            throw ImportError(.syntax, "not valid JSON: \(error.localizedDescription)", file: file.path)
        }
        if let d = JSONDuplicateKeys.first(in: file.text) {
            throw ImportError(
                .syntax, "the key \(quoted(d.key)) is written twice in one object; JSON readers disagree on which one counts",
                file: file.path, line: d.line)
        }
        return value
    }

    static func decodeInventory(_ file: SourceFile) throws(ImportError) -> RawAWSInventory {
        try RawAWSInventory(parsing: file.text, file: file.path)
    }

    static func importError(_ error: DecodingError, file: String) -> ImportError {
        let (path, message): ([any CodingKey], String) =
            switch error {
            case .typeMismatch(let t, let c): (c.codingPath, "expected \(typeName(t)); \(c.debugDescription)")
            case .valueNotFound(let t, let c): (c.codingPath, "missing value of type \(typeName(t))")
            case .keyNotFound(let k, let c): (c.codingPath + [k], "missing key '\(k.stringValue)'")
            case .dataCorrupted(let c):
                (
                    c.codingPath,
                    c.codingPath.isEmpty
                        ? "not valid JSON (truncated or malformed): \(c.underlyingError.map { "\($0)" } ?? c.debugDescription)"
                        : c.debugDescription
                )
            @unknown default: ([], "\(error)")
            }
        let code: ImportError.Code =
            if case .dataCorrupted = error, path.isEmpty { .syntax } else if case .keyNotFound = error { .missingKey } else { .wrongType }
        return ImportError(code, message, file: file, keyPath: keyPath(path))
    }

    /// `RoleDetailList[3].AssumeRolePolicyDocument.Statement[0]`.
    static func keyPath(_ path: [any CodingKey]) -> String {
        var out = ""
        for k in path {
            if let i = k.intValue { out += "[\(i)]" } else { out += out.isEmpty ? k.stringValue : ".\(k.stringValue)" }
        }
        return out
    }

    static func describe(_ error: DecodingError) -> String {
        let e = importError(error, file: "")
        return (e.keyPath.map { "\($0): " } ?? "") + e.message
    }

    private static func typeName(_ t: Any.Type) -> String {
        switch t {
        case is String.Type: "a string"
        case is [String].Type: "a list of strings"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Double.Type: "a number"
        case is AWSStringList.Type: "a string or a list of strings"
        default: "\(t)".hasPrefix("Dictionary") ? "a JSON object" : "\(t)".hasPrefix("Array") ? "a list" : "\(t)"
        }
    }
}
