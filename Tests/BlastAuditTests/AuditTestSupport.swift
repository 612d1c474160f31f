import BlastAudit
import BlastCore
import BlastTestSupport

/// Runs one rule on a fixture model at `Fixtures.now`.
func findings(
    _ rule: some AuditRule, _ model: Model, settings: AuditSettings = AuditSettings(at: Fixtures.now),
    usage: [UsageRecord]? = nil, suppressions: [Suppression] = []
) -> [Finding] {
    let context = AuditContext(graph: Fixtures.compile(model), settings: settings, usage: usage, suppressions: suppressions)
    return rule.findings(in: context)
}

/// `a -edge-> b -edge-> c`, for comparing evidence paths.
func describe(_ steps: [PathStep]) -> String {
    guard let first = steps.first else { return "" }
    return steps.reduce(first.from) { $0 + " -\($1.edge.rawValue)-> " + $1.to }
}
