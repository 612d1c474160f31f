import BlastCore
import Testing

@Suite("Instants")
struct InstantTests {
    @Test(
        "dates and date-times parse as UTC unless a zone is given",
        arguments: [
            ("2026-11-23", "2026-11-23T00:00:00Z"), ("2026-11-23T10:30:00Z", "2026-11-23T10:30:00Z"),
            ("2026-11-23T10:30:00+02:00", "2026-11-23T08:30:00Z"), ("2026-11-23T10:30", "2026-11-23T10:30:00Z"),
            ("2024-02-29", "2024-02-29T00:00:00Z"), ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ])
    func parse(text: String, expected: String) {
        #expect(Instant(iso8601: text)?.iso8601 == expected)
    }

    @Test(
        "impossible or malformed dates are rejected",
        arguments: ["2026-13-01", "2026-02-30", "2025-02-29", "26-11-23", "2026-11-23T25:00", "yesterday", "2026-11-23Tx"])
    func reject(text: String) {
        #expect(Instant(iso8601: text) == nil)
    }
}
