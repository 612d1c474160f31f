import BlastAudit
import BlastCore

/// The audit as a Markdown document: summary tables, one section per finding, the rules, and
/// (in `blast report`) links to evidence diagrams and the model overview.
struct AuditMarkdown {
    let graph: AccessGraph
    let context: AuditContext
    let result: AuditResult

    /// Inline code that survives ids with backticks, table pipes, line breaks or control characters.
    static func code(_ s: String) -> String {
        "`" + oneLine(s).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|") + "`"
    }

    static func cell(_ s: String) -> String {
        prose(
            s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(
                of: "\r", with: " ")
        )
        .replacingOccurrences(of: "|", with: "\\|")
    }

    /// `s` on one line: line breaks and control characters written visibly (`\n`, `\e`), so that
    /// an id can never end a code span, a table row or an indented block and start a heading.
    static func oneLine(_ s: String) -> String {
        guard
            s.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }
            )
        else { return s }
        var out = ""
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x1B: out += "\\e"
            case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029: out += "\\u{\(String(u.value, radix: 16))}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Text with Markdown's emphasis and escape characters escaped outside code spans, so that
    /// `credentials:*` in prose stays literal.
    static func prose(_ s: String) -> String {
        var out = ""
        var inCode = false
        for c in s {
            if c == "`" { inCode.toggle() }
            if !inCode, "\\*_<[]".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// `sre -grant-> prod-admin -allow-> prod`.
    static func path(_ steps: [PathStep]) -> String {
        guard let first = steps.first else { return "(none)" }
        var out = first.from
        for s in steps {
            var label = s.edge.rawValue
            if s.terms?.approval == true { label += "+approval" }
            if s.terms?.mfa == true { label += "+mfa" }
            if let t = s.technique { label += "[\(t)]" }
            out += " -\(label)-> \(s.to)"
        }
        return oneLine(out)
    }

    /// Identities by radius size (then critical count, then id), at most `limit`.
    func topIdentities(limit: Int = 10) -> [(id: String, kind: String, resources: Int, critical: Int, identities: Int)] {
        let rows = graph.identities.indices.map { i in
            let r = context.radius(of: IdentityID(i))
            let critical = r.resources.filter { graph.resource($0.resource).criticality == .critical }.count
            return (graph.identities[i].id, graph.identities[i].kind.rawValue, r.resources.count, critical, r.identities.count)
        }
        return Array(rows.sorted { ($1.2, $1.3, $0.0) < ($0.2, $0.3, $1.0) }.prefix(limit))
    }

    /// The document; `images` maps a finding's fingerprint to its evidence diagram's relative
    /// path, and `overview` names the whole-model diagram (both only in `blast report`).
    func document(images: [String: String]?, overview: String? = nil) -> String {
        var out = "# Least-privilege audit\n\n"
        let s = context.settings
        out +=
            "Judged at \(result.at.iso8601). Thresholds: review within \(s.reviewDays) days, credentials used within \(s.staleDays) days and rotated within \(s.rotateDays) days, usage window \(s.usageDays) days, machine identities reach at most \(Int((s.criticalShare * 100).rounded()))% of critical resources.\n\n"
        out +=
            "Model: \(graph.identities.count) identities, \(graph.credentials.count) credentials, \(graph.groups.count) groups, \(graph.roles.count) roles, \(graph.grants.count) grants, \(graph.resources.count) resources.\n\n"

        out += "## Summary\n\n| Severity | Findings |\n|---|---:|\n"
        for (sev, n) in result.countsBySeverity { out += "| \(sev.rawValue) | \(n) |\n" }
        out += "| **total** | **\(result.findings.count)** |\n\n"

        out += "| Rule | Highest severity | Findings | What it looks for |\n|---|---|---:|---|\n"
        for rule in Audit.rules {
            let n = result.findings.filter { $0.rule == rule.id }.count
            out += "| \(Self.code(rule.id)) | \(rule.severity.rawValue) | \(n) | \(Self.cell(rule.title)) |\n"
        }
        out +=
            "\n### Top identities by radius\n\n| Identity | Kind | Resources | Critical | Identities reached |\n|---|---|---:|---:|---:|\n"
        for row in topIdentities() {
            out += "| \(Self.code(row.id)) | \(row.kind) | \(row.resources) | \(row.critical) | \(row.identities) |\n"
        }
        if let overview {
            out += "\n### Model overview\n\n![The whole access model](\(overview))\n"
        }

        out += "\n## Findings\n"
        if result.findings.isEmpty { out += "\nNo findings.\n" }
        for (k, f) in result.findings.enumerated() {
            out += "\n### \(k + 1). \(f.severity.rawValue.uppercased()) · \(f.rule) · \(Self.cell(f.title))\n\n"
            out += "- **Subject:** \(Self.code(f.subject))\n"
            if let l = f.location { out += "- **Declared at:** \(Self.code(l.description))\n" }
            out += "- **Fingerprint:** \(Self.code(f.fingerprint))\n\n"
            out += "\(Self.prose(f.message))\n\n"
            if let rule = Audit.rule(f.rule) { out += "*Why it matters:* \(rule.rationale)\n\n" }
            for e in f.evidence {
                out += "**Evidence** — \(Self.prose(e.label)):\n\n    \(Self.path(e.steps))\n\n"
            }
            if let image = images?[f.fingerprint] { out += "![Evidence for \(Self.cell(f.subject))](\(image))\n\n" }
            if f.fix.contains("\n") {
                let lines = f.fix.split(separator: "\n", omittingEmptySubsequences: false)
                out += "**Fix:** \(Self.prose(String(lines[0])))\n\n```yaml\n\(lines.dropFirst().joined(separator: "\n"))\n```\n"
            } else {
                out += "**Fix:** \(Self.prose(f.fix))\n"
            }
        }
        if !result.suppressed.isEmpty {
            out += "\n## Suppressed\n\n| Rule | Subject | Justification | Until |\n|---|---|---|---|\n"
            for x in result.suppressed {
                out +=
                    "| \(Self.code(x.finding.rule)) | \(Self.code(x.finding.subject)) | \(Self.cell(x.suppression.justification)) | \(x.suppression.expires?.isoDate ?? "never") |\n"
            }
        }
        out += "\n## Rules\n"
        for rule in Audit.rules {
            out +=
                "\n- \(Self.code(rule.id)) (\(rule.severity.rawValue)) — **\(rule.title).** \(Self.prose(rule.rationale)) *Fix:* \(Self.prose(rule.remedy))\n"
        }
        return out
    }
}
