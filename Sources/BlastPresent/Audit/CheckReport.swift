import BlastAudit
import BlastCore

/// Text and JSON for `blast check`.
enum CheckReport {
    struct Violation: Encodable {
        let subject: String
        let message: String
        let evidence: [AuditJSON.Evidence]
    }

    struct Assertion: Encodable {
        let name: String
        let kind: String
        let holds: Bool
        let source: String?
        let violations: [Violation]
    }

    struct Report: Encodable {
        let at: String
        let holds: Bool
        let assertions: [Assertion]
    }

    static func json(_ results: [AssertionResult], at: Instant) -> Report {
        Report(
            at: at.iso8601, holds: results.allSatisfy(\.holds),
            assertions: results.map { r in
                Assertion(
                    name: r.assertion.name, kind: r.assertion.kindName, holds: r.holds, source: r.assertion.origin?.description,
                    violations: r.violations.map { v in
                        Violation(
                            subject: v.subject, message: v.message,
                            evidence: v.evidence.map { AuditJSON.Evidence(label: $0.label, path: JSONStep.path($0.steps)) })
                    })
            })
    }

    static func text(_ results: [AssertionResult], at: Instant, text: TextStyle) -> String {
        let failed = results.filter { !$0.holds }.count
        var out = "Policy check at \(at.iso8601): \(text.plural(results.count, "assertion")), \(failed) violated\n"
        for r in results {
            out += "\n\(r.holds ? "PASS" : text.bold("FAIL")) \(r.assertion.name) [\(r.assertion.kindName)]"
            out += (r.assertion.origin.map { "  (\($0))" } ?? "") + "\n"
            for v in r.violations {
                out += "  \(v.message)\n"
                for e in v.evidence { out += "      \(text.path(e.steps))\n" }
            }
        }
        return out
    }
}
