import BlastCore

/// The instant an audit judges the model at, and the thresholds its rules use.
public struct AuditSettings: Sendable, Equatable {
    /// Grants, assumes, credentials, reviews and suppressions are judged at this instant.
    public var at: Instant
    /// `lp.review-overdue`: a grant on critical resources must have been reviewed within this many days.
    public var reviewDays: Int
    /// `lp.stale-credential`: a credential unused for longer than this is stale.
    public var staleDays: Int
    /// `lp.stale-credential`: a credential created longer ago than this must be rotated.
    public var rotateDays: Int
    /// `lp.unused-permission`: usage records older than this many days before `at` are ignored.
    public var usageDays: Int
    /// `lp.over-broad-service`: the largest share (0…1) of the model's critical resources a
    /// service, workload or agent may reach.
    public var criticalShare: Double
    /// Top-level resource ids that count as production (`lp.standing-admin`).
    public var productionRoots: [String]

    public init(
        at: Instant, reviewDays: Int = 90, staleDays: Int = 90, rotateDays: Int = 365, usageDays: Int = 90,
        criticalShare: Double = 0.25, productionRoots: [String] = ["prod"]
    ) {
        self.at = at
        self.reviewDays = reviewDays
        self.staleDays = staleDays
        self.rotateDays = rotateDays
        self.usageDays = usageDays
        self.criticalShare = criticalShare
        self.productionRoots = productionRoots
    }
}
