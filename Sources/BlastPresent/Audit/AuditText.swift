import BlastAudit
import BlastCore

/// Plain-text audit findings for people, with colour only on a terminal.
struct AuditText {
    let graph: AccessGraph
    let colour: Bool

    private var text: TextStyle { TextStyle(colour: colour) }

    private func severity(_ s: Severity) -> String {
        let c: Criticality =
            switch s {
            case .critical: .critical
            case .high: .high
            case .medium: .medium
            case .low: .low
            }
        return text.criticality(c)
    }

    func report(_ r: AuditResult) -> String {
        let counts = r.countsBySeverity.map { "\($0.count) \($0.severity.rawValue)" }.joined(separator: ", ")
        var out = "Least-privilege audit at \(r.at.iso8601): \(text.plural(r.findings.count, "finding")) (\(counts))"
        out += r.suppressed.isEmpty ? "\n" : ", \(r.suppressed.count) suppressed\n"
        for f in r.findings {
            out += "\n\(severity(f.severity)) \(text.bold(f.rule))  \(f.title)\n"
            out += "    subject: \(f.subject)" + (f.location.map { "  (\($0))" } ?? "") + "\n"
            out += "    \(f.message)\n"
            for e in f.evidence {
                out += "    \(text.dim("evidence:")) \(e.label)\n"
                out += "      \(text.path(e.steps))\n"
            }
            let fix = f.fix.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n      ")
            out += "    \(text.dim("fix:")) \(fix)\n"
        }
        if !r.suppressed.isEmpty {
            out += "\n\(text.bold("Suppressed"))\n"
            for s in r.suppressed {
                let until = s.suppression.expires.map { "until \($0.isoDate)" } ?? "never expires"
                out += "  \(s.finding.rule) \(s.finding.subject): \(s.suppression.justification) (\(until))\n"
            }
        }
        return out
    }
}
