import BlastAudit
import BlastCore

/// The audit as a SARIF 2.1.0 log, the format code-scanning services accept: one run whose tool
/// driver lists every rule, and one result per finding with its declaration as the location and
/// each evidence path as a code flow.
enum AuditSARIF {
    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    struct Text: Encodable { let text: String }
    struct Markdown: Encodable {
        let text: String
        let markdown: String
    }

    struct RuleConfiguration: Encodable { let level: String }

    struct RuleProperties: Encodable {
        let securitySeverity: String
        let tags: [String]
        enum CodingKeys: String, CodingKey { case securitySeverity = "security-severity", tags }
    }

    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Markdown
        let defaultConfiguration: RuleConfiguration
        let properties: RuleProperties
    }

    struct Driver: Encodable {
        let name: String
        let rules: [Rule]
    }

    struct Tool: Encodable { let driver: Driver }

    struct ArtifactLocation: Encodable { let uri: String }
    struct Region: Encodable { let startLine: Int }

    struct PhysicalLocation: Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region?
    }

    struct Location: Encodable {
        let physicalLocation: PhysicalLocation?
        let message: Text?
    }

    struct ThreadFlowLocation: Encodable { let location: Location }
    struct ThreadFlow: Encodable { let locations: [ThreadFlowLocation] }
    struct CodeFlow: Encodable {
        let message: Text
        let threadFlows: [ThreadFlow]
    }

    struct ResultProperties: Encodable {
        let severity: String
        let subject: String
        let subjects: [String]
    }

    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
        let partialFingerprints: [String: String]
        let codeFlows: [CodeFlow]?
        let properties: ResultProperties
    }

    struct Run: Encodable {
        let tool: Tool
        let results: [Result]
    }

    struct Log: Encodable {
        let schema: String
        let version: String
        let runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    /// `error` for critical and high, `warning` for medium, `note` for low.
    static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// The 0–10 score code-scanning services rank security results by.
    static func score(_ s: Severity) -> String {
        switch s {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        }
    }

    /// A relative path stays relative (resolved against the checkout); an absolute one becomes a file URI.
    static func uri(_ path: String) -> String {
        let encoded = path.addingPercentEncodingForURI
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    static func physical(_ o: SourceLocation) -> PhysicalLocation {
        PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(o.file)), region: o.line.map { Region(startLine: $0) })
    }

    static func log(_ r: AuditResult, rules: [any AuditRule], fallbackFile: String) -> Log {
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        let sarifRules = rules.map { rule in
            Rule(
                id: rule.id, name: rule.id, shortDescription: Text(text: rule.title), fullDescription: Text(text: rule.rationale),
                help: Markdown(text: rule.remedy, markdown: "**\(rule.title).** \(rule.rationale)\n\n**Fix:** \(rule.remedy)"),
                defaultConfiguration: RuleConfiguration(level: level(rule.severity)),
                properties: RuleProperties(securitySeverity: score(rule.severity), tags: ["security", "least-privilege"]))
        }
        let results = r.findings.map { f in
            let place = f.location ?? SourceLocation(file: fallbackFile, line: 1, keyPath: "")
            let flows = f.evidence.filter { !$0.steps.isEmpty }.map { e in
                CodeFlow(
                    message: Text(text: e.label),
                    threadFlows: [
                        ThreadFlow(
                            locations: e.steps.map { s in
                                ThreadFlowLocation(
                                    location: Location(
                                        physicalLocation: s.origin.map(physical),
                                        message: Text(text: "\(s.from) -\(s.edge.rawValue)-> \(s.to)")))
                            })
                    ])
            }
            return Result(
                ruleId: f.rule, ruleIndex: index[f.rule] ?? 0, level: level(f.severity),
                message: Text(text: "\(f.title). \(f.message) Fix: \(f.fix)"),
                locations: [Location(physicalLocation: physical(place), message: nil)],
                partialFingerprints: ["blastFingerprint/v1": f.fingerprint],
                codeFlows: flows.isEmpty ? nil : flows,
                properties: ResultProperties(severity: f.severity.rawValue, subject: f.subject, subjects: f.subjects))
        }
        return Log(
            schema: schema, version: "2.1.0", runs: [Run(tool: Tool(driver: Driver(name: "blast", rules: sarifRules)), results: results)])
    }
}

extension String {
    /// Percent-encodes what a URI path may not hold (space, `#`, `?`, `%` and non-ASCII).
    var addingPercentEncodingForURI: String {
        var out = ""
        for b in utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || "-._~/:@!$&'()*+,;=".contains(c) {
                out.append(c)
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    fileprivate func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
