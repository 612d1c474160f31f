/// A point in time, whole seconds since 1970-01-01T00:00:00Z.
///
/// Parsed from and printed as ISO 8601 without Foundation, so the core stays deterministic and
/// free of locale and time-zone state.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    /// Midnight UTC of a calendar date.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        let days = Instant.daysFromCivil(year: year, month: month, day: day)
        secondsSinceEpoch = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Parses `YYYY-MM-DD`, or a date-time `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `±HH:MM`,
    /// `±HHMM` or nothing (UTC). A space may stand for `T`. Returns nil for anything else,
    /// including impossible dates such as `2026-02-30`.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= bytes.count else { return nil }
            var value = 0
            for k in 0..<n {
                let b = bytes[i + k]
                guard b >= 48 && b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            i += n
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Instant.daysIn(month: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        if i < bytes.count {
            guard bytes[i] == 84 || bytes[i] == 116 || bytes[i] == 32 else { return nil }  // T t space
            i += 1
            guard let h = digits(2), expect(58), let m = digits(2) else { return nil }
            hour = h
            minute = m
            if expect(58) {
                guard let s = digits(2) else { return nil }
                second = s
                if expect(46) || expect(44) {
                    let start = i
                    while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
                    guard i > start else { return nil }
                }
            }
            guard hour < 24, minute < 60, second < 61 else { return nil }
            if i < bytes.count {
                if bytes[i] == 90 || bytes[i] == 122 {  // Z z
                    i += 1
                } else if bytes[i] == 43 || bytes[i] == 45 {  // + -
                    let sign = bytes[i] == 45 ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    _ = expect(58)
                    guard let om = digits(2), oh < 24, om < 60 else { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
        }
        guard i == bytes.count else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        secondsSinceEpoch -= Int64(offset)
    }

    /// The instants blast reads from input files, in seconds since the epoch: the years 0000 to
    /// 9999 that a `YYYY-MM-DD` date can write, with a day's margin either side for UTC offsets.
    /// Readers of numeric dates (snapshots, token expiries) refuse anything outside it, so date
    /// arithmetic on input never overflows.
    public static let supportedRange: ClosedRange<Int64> = earliestSupported...latestSupported
    private static let earliestSupported = Instant(year: 0, month: 1, day: 1).secondsSinceEpoch - 86_400
    private static let latestSupported = Instant(year: 10_000, month: 1, day: 1).secondsSinceEpoch + 86_399

    /// `2026-11-23T09:30:00Z`; years outside 0000–9999 print with more digits or a sign. Defined
    /// for every `secondsSinceEpoch`.
    public var iso8601: String {
        let (quotient, remainder) = secondsSinceEpoch.quotientAndRemainder(dividingBy: 86_400)
        let days = Int(remainder < 0 ? quotient - 1 : quotient)
        let rest = Int(remainder < 0 ? remainder + 86_400 : remainder)
        let (y, m, d) = Instant.civilFromDays(days)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))Z"
    }

    /// The date part only, `2026-11-23`.
    public var isoDate: String { String(iso8601.prefix(10)) }

    public var description: String { iso8601 }

    /// Whole days from `self` to `later` (negative when `later` is earlier); saturates at
    /// `Int64`'s bounds for instants farther apart than it can count in seconds.
    public func days(until later: Instant) -> Int64 {
        let (seconds, overflow) = later.secondsSinceEpoch.subtractingReportingOverflow(secondsSinceEpoch)
        guard !overflow else { return later > self ? .max / 86_400 : .min / 86_400 }
        return seconds / 86_400
    }

    public func adding(days: Int) -> Instant {
        Instant(secondsSinceEpoch: secondsSinceEpoch + Int64(days) * 86_400)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
