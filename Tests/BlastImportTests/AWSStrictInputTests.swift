import BlastCore
@testable import BlastImport
import Foundation
import Testing

/// Issue 15: AWS exports that used to give a silently wrong or partial answer (trial defects E1–E6,
/// F1–F2, U3) are read as meant or refused with file, line or key path, and the bad value.
@Suite("AWS strict input")
struct AWSStrictInputTests {
    typealias F = AWSAccountFixture

    func error(_ files: [SourceFile]) -> ImportError? { AWSTest.importError(files) }

    /// An account with user dev, whose report row has an active first access key.
    var account: F {
        var a = F()
        a.user("dev", statements: [F.allow(["s3:*"], ["*"])])
        return a
    }

    var devRow: AWSReportRow {
        AWSReportRow(user: "dev", arn: account.arn("user", "dev"), password: true, mfa: true, keys: [(true, "2025-09-14T11:00:00+00:00")])
    }

    /// The report text with one field of dev's row (line 2) replaced.
    func report(setting column: String, to value: String) -> SourceFile {
        let header = AWSReportRow.header.split(separator: ",").map(String.init)
        var fields = devRow.line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[header.firstIndex(of: column)!] = value
        return SourceFile(path: "cr.csv", text: AWSReportRow.header + "\n" + fields.joined(separator: ",") + "\n")
    }

    /// The report without one column.
    func report(without column: String) -> SourceFile {
        let header = AWSReportRow.header.split(separator: ",").map(String.init)
        let k = header.firstIndex(of: column)!
        let rows = [AWSReportRow.header, devRow.line].map { line in
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            f.remove(at: k)
            return f.joined(separator: ",")
        }
        return SourceFile(path: "cr.csv", text: rows.joined(separator: "\n") + "\n")
    }

    // E1

    @Test("E1: an access key marked TRUE or True (a spreadsheet's rewrite) exists", arguments: ["TRUE", "True", "true"])
    func booleanAnyCase(value: String) throws {
        let (model, _) = try AWSTest.load([account.file, report(setting: "access_key_1_active", to: value)])
        #expect(model.credentials.map(\.id).contains(account.arn("user", "dev") + "#access-key-1"))
    }

    @Test("E1: a boolean other than true/false is an error naming line, column and value", arguments: ["yes", "1", "Y"])
    func booleanOther(value: String) throws {
        let e = try #require(error([account.file, report(setting: "access_key_1_active", to: value)]))
        #expect(e.code == .badValue && e.file == "cr.csv" && e.line == 2 && e.keyPath == "access_key_1_active")
        #expect(e.message.contains("'\(value)'"))
    }

    @Test("E1: mfa_active FALSE is false, not an error")
    func falseAnyCase() throws {
        let (model, _) = try AWSTest.load([account.file, report(setting: "mfa_active", to: "FALSE")])
        let password = try #require(model.credentials.first { $0.id.hasSuffix("#console-password") })
        #expect(!password.mfa)
    }

    // E2

    @Test(
        "E2: a report without a column the mapping reads is refused, naming the column",
        arguments: ["access_key_1_active", "access_key_1_last_rotated", "mfa_active", "password_enabled", "arn", "user"])
    func missingColumn(column: String) throws {
        let e = try #require(error([account.file, report(without: column)]))
        #expect(e.code == .missingKey && e.file == "cr.csv" && e.line == 1)
        #expect(e.message.contains("'\(column)'"))
    }

    @Test("E2: an older report without the last-used columns loads, with a note saying what is unknown")
    func missingOptionalColumn() throws {
        let (model, notes) = try AWSTest.load([account.file, report(without: "access_key_1_last_used_date")])
        #expect(model.credentials.contains { $0.id.hasSuffix("#access-key-1") })
        #expect(notes.contains { $0.file == "cr.csv" && $0.message.contains("access_key_1_last_used_date") })
    }

    // E3

    @Test(
        "E3: a date that does not parse is an error naming line, column and value",
        arguments: [
            ("access_key_1_last_rotated", "yesterday"), ("access_key_1_last_rotated", "14/09/2025 11:00"),
            ("access_key_1_last_used_date", "2026-13-45T99:00:00+00:00"), ("password_last_used", "sometime"),
        ])
    func badDate(column: String, value: String) throws {
        let e = try #require(error([account.file, report(setting: column, to: value)]))
        #expect(e.code == .badValue && e.line == 2 && e.keyPath == column)
        #expect(e.message.contains("'\(value)'"))
    }

    @Test("E3: no_information and N/A are no date, not an error")
    func noInformation() throws {
        let (model, _) = try AWSTest.load([account.file, report(setting: "password_last_used", to: "no_information")])
        #expect(model.credentials.first { $0.id.hasSuffix("#console-password") }?.lastUsed == nil)
    }

    // E4

    func inventory(_ text: String) -> SourceFile { SourceFile(path: "inv.yaml", text: "aws_inventory: 1\n" + text) }

    @Test("E4: a misspelt inventory key is an error with a suggestion, not a low bucket")
    func inventoryTypo() throws {
        let e = try #require(error([account.file, inventory("resources:\n  - arn: arn:aws:s3:::b\n    criticalty: critical\n")]))
        #expect(e.code == .unknownKey && e.file == "inv.yaml" && e.line == 4 && e.keyPath == "resources[0].criticalty")
        #expect(e.message.contains("did you mean 'criticality'"))
    }

    @Test(
        "E4: an inventory entry whose arn is no ARN, or whose account is not 12 digits, is an error at its line",
        arguments: [
            ("  - arn: my-bucket\n", "resources[0].arn"), ("  - arn: arn:aws:s3:::b\n    account: \"1111\"\n", "resources[0].account"),
        ])
    func inventoryBadARN(entry: String, keyPath: String) throws {
        let e = try #require(error([account.file, inventory("resources:\n" + entry)]))
        #expect(e.code == .badValue && e.file == "inv.yaml" && e.keyPath == keyPath)
    }

    @Test("E4: an access key for a user in no export is an error")
    func inventoryUnknownUser() throws {
        let e = try #require(error([account.file, devReport, inventory("access_keys:\n  - id: AKIAX\n    user: nobody\n")]))
        #expect(e.code == .badValue && e.file == "inv.yaml" && e.keyPath == "access_keys[0].user" && e.message.contains("'nobody'"))
    }

    @Test("E4: an access key slot other than 1 or 2 is an error")
    func inventorySlot() throws {
        let e = try #require(error([account.file, devReport, inventory("access_keys:\n  - id: AKIAX\n    user: dev\n    slot: 3\n")]))
        #expect(e.code == .badValue && e.line == 5 && e.keyPath == "access_keys[0].slot")
    }

    @Test("E4: a valid access key hint names the key")
    func inventoryKey() throws {
        let (model, _) = try AWSTest.load([account.file, devReport, inventory("access_keys:\n  - id: AKIAX\n    user: dev\n")])
        #expect(model.credentials.contains { $0.id == "AKIAX" })
    }

    @Test("E4: a --key for a user in no export is an error")
    func keyOptionUnknownUser() throws {
        var context = ImportContext(accessKeys: ["nobody": "AKIAX"])
        #expect(throws: ImportError.self) { try AWSFormat.importModel(files: [account.file, devReport], context: &context) }
    }

    var devReport: SourceFile { AWSReportRow.report([devRow], path: "cr.csv") }

    // E5

    @Test("E5: one page of a paginated export (IsTruncated: true) is refused")
    func truncatedExport() throws {
        var json = account.json
        json.removeLast()  // the closing brace
        json += #", "IsTruncated": true, "Marker": "AAEXAMPLE"}"#
        let e = try #require(error([SourceFile(path: "authz.json", text: json)]))
        #expect(e.code == .badValue && e.file == "authz.json" && e.keyPath == "IsTruncated")
    }

    @Test("E5: IsTruncated false is a complete export")
    func completeExport() throws {
        var json = account.json
        json.removeLast()
        json += #", "IsTruncated": false}"#
        #expect(error([SourceFile(path: "authz.json", text: json)]) == nil)
    }

    @Test("E5: a misspelt top-level list is refused; a foreign top-level key is noted")
    func unknownTopLevelKeys() throws {
        let json = account.json.replacingOccurrences(of: "\"UserDetailList\"", with: "\"UserDetailLIst\"")
        #expect(json != account.json)
        let e = try #require(error([SourceFile(path: "authz.json", text: json)]))
        #expect(e.code == .unknownKey && e.keyPath == "UserDetailLIst" && e.message.contains("did you mean 'UserDetailList'"))
        var withMetadata = account.json
        withMetadata.removeLast()
        withMetadata += #", "ResponseMetadata": {"RequestId": "x"}}"#
        let (_, notes) = try AWSTest.load([SourceFile(path: "authz.json", text: withMetadata)])
        #expect(notes.contains { $0.keyPath == "ResponseMetadata" && $0.file == "authz.json" })
    }

    @Test("a user listed in two exports is noted at the second: its entry there is ignored, not silently")
    func repeatedPrincipal() throws {
        var second = F()
        second.user("dev", statements: [F.allow(["iam:*"], ["*"])])
        let (_, notes) = try AWSTest.load([account.file, SourceFile(path: "authz-again.json", text: second.json)])
        #expect(
            notes.contains { $0.file == "authz-again.json" && $0.keyPath == "UserDetailList[0]" && $0.message.contains("listed again") })
    }

    // E6

    @Test(
        "E6: a malformed user ARN is an error at its key path",
        arguments: [
            "not-an-arn", "arn:aws:iam:::user/dev", "arn:aws:iam::abc:user/dev", "arn:aws:iam::",
            "arn:aws:iam::111111111111:role/dev", "arn:aws:iam::111111111111:user/d ev", "arn:aws:iam::111111111111:user/other",
        ])
    func malformedARN(arn: String) throws {
        var a = account
        a.users[0]["Arn"] = arn
        let e = try #require(error([a.file]))
        #expect(e.code == .badValue && e.keyPath == "UserDetailList[0].Arn" && e.message.contains(quoted(arn)))
    }

    @Test("E6: a user ARN with a path is well formed")
    func arnWithPath() throws {
        var a = account
        a.users[0]["Arn"] = "arn:aws:iam::111111111111:user/division/team/dev"
        #expect(error([a.file]) == nil)
    }

    @Test("E6: a malformed ARN in the credential report is an error at its line")
    func malformedReportARN() throws {
        let e = try #require(error([account.file, report(setting: "arn", to: "arn:aws:iam::1:user/dev")]))
        #expect(e.code == .badValue && e.line == 2 && e.keyPath == "arn")
    }

    // F1, F2, U3

    @Test("F2: a report with its columns reordered or every field quoted is recognised and read")
    func reorderedAndQuoted() throws {
        let header = AWSReportRow.header.split(separator: ",").map(String.init)
        let row = devRow.line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let reordered = [[header[1], header[0]] + header.dropFirst(2), [row[1], row[0]] + row.dropFirst(2)]
            .map { $0.joined(separator: ",") }.joined(separator: "\n")
        let quotedText = [header, row].map { $0.map { "\"\($0)\"" }.joined(separator: ",") }.joined(separator: "\r\n")
        for text in [reordered, quotedText] {
            #expect(AWSFormat.recognises(path: "cr.csv", text: text))
            let (model, _) = try AWSTest.load([account.file, SourceFile(path: "cr.csv", text: text)])
            #expect(model.credentials.contains { $0.id.hasSuffix("#access-key-1") })
        }
    }

    @Test("U3: a report without its arn column is still recognised as a report")
    func recognisedWithoutARN() {
        #expect(AWSFormat.recognises(path: "cr.csv", text: report(without: "arn").text))
    }

    @Test("F2: an export after 5,000 spaces, or a YAML inventory after comments, is recognised")
    func recognitionPastTheStart() {
        #expect(AWSFormat.recognises(path: "a.json", text: String(repeating: " ", count: 5000) + account.json))
        #expect(AWSFormat.recognises(path: "i.yaml", text: "# inventory\n\n# of prod\naws_inventory: 1\n"))
    }

    @Test("F1: a UTF-8 byte-order mark is not part of the text", arguments: ["x.csv", "x.json", "x.yaml"])
    func byteOrderMark(name: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blast-bom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        let text = name.hasSuffix(".csv") ? devReport.text : name.hasSuffix(".json") ? account.json : "version: 1\nidentities: [{id: a}]\n"
        try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: URL(fileURLWithPath: path))
        let file = try ModelSources.read(path)
        #expect(file.text == text)
    }

    // U1, U2, U4

    @Test("U1: a truncated or damaged export names the line and column of the break")
    func syntaxLocated() throws {
        let json = account.json
        let cut = String(json.prefix(json.count / 2))
        let e = try #require(error([SourceFile(path: "authz.json", text: cut)]))
        #expect(e.code == .syntax && e.line != nil && e.column != nil)
        var damaged = Array(json)
        let k = damaged.firstIndex(of: ",")!
        damaged[k] = "["
        let d = try #require(error([SourceFile(path: "authz.json", text: String(damaged))]))
        let line = json[..<json.firstIndex(of: ",")!].filter { $0 == "\n" }.count + 1
        #expect(d.code == .syntax && d.line == line && d.message.contains("'['"))
    }

    /// The statements of U2, by the key that is wrong and a phrase of the expected message.
    static let innerErrors: [String: (key: String, phrase: String)] = [
        "action-number": ("Action", "the number 42"), "condition-string": ("Condition", "a JSON object"),
    ]

    func innerStatement(_ name: String) -> [String: Any] {
        name == "action-number"
            ? ["Effect": "Allow", "Action": 42, "Resource": "*"] : ["Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": "x"]
    }

    @Test(
        "U2: an error inside a listed statement is reported as itself, not as 'expected Dictionary'",
        arguments: ["action-number", "condition-string"])
    func innerStatementError(name: String) throws {
        var a = F()
        a.user("dev", statements: [innerStatement(name)])
        let e = try #require(error([a.file]))
        let (key, phrase) = Self.innerErrors[name]!
        #expect(e.keyPath == "UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0].\(key)")
        #expect(e.message.contains(phrase))
    }

    @Test("U2: a string trust Principal other than * keeps its precise message")
    func stringPrincipal() throws {
        var a = F()
        a.role("r", trust: [F.trust("arn:aws:iam::111111111111:root")])
        let e = try #require(error([a.file]))
        #expect(e.keyPath == "RoleDetailList[0].AssumeRolePolicyDocument.Statement[0].Principal")
        #expect(e.message.contains("a string Principal must be"))
    }

    @Test("E7: a key written twice in one object of an export is refused with its line")
    func duplicateKeyInExport() throws {
        let json = account.json.replacingOccurrences(of: "\"UserName\" : \"dev\"", with: "\"UserName\" : \"dev\", \"UserName\" : \"x\"")
        #expect(json != account.json)
        let e = try #require(error([SourceFile(path: "authz.json", text: json)]))
        #expect(e.code == .syntax && e.line != nil && e.message.contains("'UserName'"))
    }

    @Test("U4: a key id listed twice in the inventory is blamed on the inventory")
    func inventoryDuplicateKey() throws {
        let inv = inventory("access_keys:\n  - id: AKIAX\n    user: dev\n  - id: AKIAX\n    user: dev\n    slot: 2\n")
        let e = try #require(error([account.file, devReport, inv]))
        #expect(e.file == "inv.yaml" && e.line == 5 && e.keyPath == "access_keys[1].id" && e.message.contains("inv.yaml:3"))
    }
}

@Suite("JSON syntax locator")
struct JSONSyntaxTests {
    @Test(
        "well-formed JSON has no problem",
        arguments: [#"{}"#, #"[1, -2.5e3, "a\"b", true, null, {"k": []}]"#, " \n {\"a\": {\"b\": [false]}} "])
    func wellFormed(text: String) {
        #expect(JSONSyntax.firstProblem(in: text) == nil)
    }

    @Test(
        "the first break is located by line and column",
        arguments: [
            ("{\n  \"a\": 1,\n  \"b\" 2}", 3, 7), ("{\"a\": [1, 2}", 1, 12), ("{\"a\": tru}", 1, 7), ("{\"a\": 1", 1, 8),
            ("[1] x", 1, 5), ("{\"é\": [}", 1, 8),
        ])
    func located(text: String, line: Int, column: Int) throws {
        let p = try #require(JSONSyntax.firstProblem(in: text))
        #expect(p.line == line && p.column == column)
    }
}
