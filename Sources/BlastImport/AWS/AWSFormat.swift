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
        let head = text.prefix(4096)
        let trimmed = head.drop { $0.isWhitespace }
        if trimmed.hasPrefix("{"),
            head.contains("\"UserDetailList\"") || head.contains("\"RoleDetailList\"")
                || head.contains("\"GroupDetailList\"") || head.contains("\"Policies\"") && head.contains("\"PolicyVersionList\"")
        {
            return .authorizationDetails
        }
        if trimmed.hasPrefix("user,arn,") { return .credentialReport }
        if trimmed.hasPrefix("aws_inventory:") || trimmed.hasPrefix("{") && head.contains("\"aws_inventory\"") { return .inventory }
        return nil
    }

    public static func importModel(files: [SourceFile], context: inout ImportContext) throws(ImportError) -> Model {
        var input = AWSMapper.Input()
        for file in files {
            switch kind(of: file.text) {
            case .authorizationDetails?:
                input.details.append((file.path, try decodeJSON(RawAuthorizationDetails.self, file)))
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
        do {
            return try JSONDecoder().decode(T.self, from: Data(file.text.utf8))
        } catch let error as DecodingError {
            throw importError(error, file: file.path)
        } catch {
            throw ImportError(.syntax, "not valid JSON: \(error.localizedDescription)", file: file.path)
        }
    }

    static func decodeInventory(_ file: SourceFile) throws(ImportError) -> RawAWSInventory {
        let inventory: RawAWSInventory
        do {
            inventory = try YAMLDecoder().decode(RawAWSInventory.self, from: file.text)
        } catch let error as DecodingError {
            throw importError(error, file: file.path)
        } catch {
            throw ImportError(.syntax, "the inventory is not valid YAML or JSON: \(error)", file: file.path)
        }
        guard inventory.aws_inventory == 1 else {
            throw ImportError(
                .unsupportedVersion, "unsupported aws_inventory \(inventory.aws_inventory); this blast reads version 1",
                file: file.path, keyPath: "aws_inventory")
        }
        return inventory
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
        default: "\(t)"
        }
    }
}
