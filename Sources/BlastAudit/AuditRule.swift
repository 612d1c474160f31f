/// A least-privilege rule: a stable id, the most severe level it reports, and a pure function
/// from the audited organisation to findings.
///
/// Each rule lives in its own file under `Rules/`. `findings(in:)` must be deterministic: iterate
/// the compiled graph in its own order and sort anything built from dictionaries or sets.
public protocol AuditRule: Sendable {
    /// Stable and dotted: `lp.standing-admin`. Suppressions, baselines and SARIF refer to it.
    var id: String { get }
    /// The most severe level this rule reports (single findings may be lower).
    var severity: Severity { get }
    /// One line: what the rule looks for.
    var title: String { get }
    /// Why it matters.
    var rationale: String { get }
    /// How to fix what it finds, in general.
    var remedy: String { get }
    /// The rule's findings, in any deterministic order.
    func findings(in context: AuditContext) -> [Finding]
}
