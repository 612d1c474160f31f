/// How bad a finding is; ordered so that `critical > high > medium > low`.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case critical, high, medium, low

    public var rank: Int {
        switch self {
        case .critical: 3
        case .high: 2
        case .medium: 1
        case .low: 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
