import ArgumentParser
import BlastAudit
import BlastCore
import Foundation

extension Severity: ExpressibleByArgument {}

/// The flags `blast audit` and `blast report` share: when to judge, thresholds, and side inputs.
struct AuditOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Judge the model at this instant (ISO 8601 date or date-time; default: now).", valueName: "time"))
    var at: String?

    @Option(help: ArgumentHelp("Report only findings at or above this severity: critical, high, medium or low.", valueName: "level"))
    var minSeverity: Severity = .low

    @Option(
        help: ArgumentHelp(
            "Usage records (CSV or JSON lines: identity, action, resource, time) for lp.unused-permission.", valueName: "file"))
    var usage: String?

    @Option(help: ArgumentHelp("Suppressions (YAML: rule, subject, justification, expires).", valueName: "file"))
    var ignore: String?

    @Option(help: ArgumentHelp("A saved 'blast audit --format json' run: report only findings new since then.", valueName: "file"))
    var baseline: String?

    // `parsing: .unconditional`: `--review-days -1` is a (refused) value, not a missing one.
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("lp.review-overdue: days since the last review of a grant on critical resources.", valueName: "days"))
    var reviewDays = 90

    @Option(parsing: .unconditional, help: ArgumentHelp("lp.stale-credential: days since a credential was last used.", valueName: "days"))
    var staleDays = 90

    @Option(parsing: .unconditional, help: ArgumentHelp("lp.stale-credential: days since a credential was created.", valueName: "days"))
    var rotateDays = 365

    @Option(
        parsing: .unconditional, help: ArgumentHelp("lp.unused-permission: how many days of usage before --at count.", valueName: "days"))
    var usageDays = 90

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "lp.over-broad-service: largest share (0 to 1) of critical resources a machine identity may reach.", valueName: "share"))
    var criticalShare = 0.25

    /// The largest day threshold: 10,000 years, so that `--at` minus it stays a date.
    static let maximumDays = 3_652_425

    func validate() throws {
        if let at, Instant(iso8601: at) == nil {
            throw ValidationError("--at: '\(at)' is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
        }
        for (name, value) in [
            ("--review-days", reviewDays), ("--stale-days", staleDays), ("--rotate-days", rotateDays), ("--usage-days", usageDays),
        ]
        where value < 0 {
            throw ValidationError("\(name) must be 0 or more")
        }
        for (name, value) in [
            ("--review-days", reviewDays), ("--stale-days", staleDays), ("--rotate-days", rotateDays), ("--usage-days", usageDays),
        ]
        where value > Self.maximumDays {
            throw ValidationError("\(name) must be at most \(Self.maximumDays) (10,000 years), not \(value)")
        }
        guard (0...1).contains(criticalShare) else { throw ValidationError("--critical-share must be between 0 and 1") }
    }

    var instant: Instant { AuditOptions.parse(at: at) }

    /// A validated `--at`, or now.
    static func parse(at: String?) -> Instant {
        at.flatMap(Instant.init(iso8601:)) ?? Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
    }

    var settings: AuditSettings {
        AuditSettings(
            at: instant, reviewDays: reviewDays, staleDays: staleDays, rotateDays: rotateDays, usageDays: usageDays,
            criticalShare: criticalShare)
    }

    /// Reads the side inputs, runs every rule, applies suppressions, the minimum severity and the
    /// baseline; notes about suppressions and the baseline go to stderr.
    func run(_ graph: AccessGraph, io: inout CommandIO) throws(CommandFailure) -> (context: AuditContext, result: AuditResult) {
        let records = try usage.map(AuditInputs.usage)
        if let records { AuditInputs.noteUnknownIdentities(records, graph: graph, io: &io) }
        let suppressions = try ignore.map(AuditInputs.suppressions) ?? []
        let saved = try baseline.map(AuditInputs.baseline)
        let context = AuditContext(graph: graph, settings: settings, usage: records, suppressions: suppressions)
        var result = Audit.run(context).filtered(minimum: minSeverity)
        for s in result.expiredSuppressions {
            io.diagnose(
                "\(s.origin?.description ?? ignore ?? ""): note: suppression of \(s.rule) for \(s.subject) expired on \(s.expires?.isoDate ?? "?") and no longer applies"
            )
        }
        for s in result.unusedSuppressions {
            io.diagnose("\(s.origin?.description ?? ignore ?? ""): note: suppression of \(s.rule) for \(s.subject) matches no finding")
        }
        if let saved {
            let before = result.findings.count
            result = result.new(comparedTo: saved)
            io.diagnose("note: \(before - result.findings.count) findings already in the baseline \(baseline!) are not shown")
        }
        return (context, result)
    }
}
