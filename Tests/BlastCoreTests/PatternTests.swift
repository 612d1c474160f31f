import BlastCore
import Testing

@Suite("Patterns")
struct PatternTests {
    @Test("* matches any run of characters, including /", arguments: [
        ("*", "prod/db/x", true), ("prod/*", "prod/db/x", true), ("s3:Get*", "s3:GetObject", true),
        ("s3:Get*", "s3:PutObject", false), ("*:create", "credentials:create", true), ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false), ("", "", true), ("*", "", true),
    ])
    func star(pattern: String, subject: String, expected: Bool) {
        #expect(Pattern(pattern).matches(subject) == expected)
    }

    @Test("? matches exactly one character, also a multi-byte one", arguments: [
        ("prod/??/logs", "prod/eu/logs", true), ("prod/??/logs", "prod/eur/logs", false), ("r?ad", "réad", true), ("?", "", false),
    ])
    func question(pattern: String, subject: String, expected: Bool) {
        #expect(Pattern(pattern).matches(subject) == expected)
    }

    @Test("matching is literal and case-sensitive apart from * and ?")
    func literal() {
        #expect(Pattern("Read").matches("Read"))
        #expect(!Pattern("Read").matches("read"))
        #expect(!Pattern("prod.db").matches("prodxdb"))
        #expect(Pattern("read").isLiteral)
        #expect(!Pattern("re*d").isLiteral)
    }
}

@Suite("Instants")
struct InstantTests {
    @Test("dates and date-times parse as UTC unless a zone is given", arguments: [
        ("2026-11-23", "2026-11-23T00:00:00Z"), ("2026-11-23T10:30:00Z", "2026-11-23T10:30:00Z"),
        ("2026-11-23T10:30:00+02:00", "2026-11-23T08:30:00Z"), ("2026-11-23T10:30", "2026-11-23T10:30:00Z"),
        ("2024-02-29", "2024-02-29T00:00:00Z"), ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ])
    func parse(text: String, expected: String) {
        #expect(Instant(iso8601: text)?.iso8601 == expected)
    }

    @Test("impossible or malformed dates are rejected", arguments: ["2026-13-01", "2026-02-30", "2025-02-29", "26-11-23", "2026-11-23T25:00", "yesterday", "2026-11-23Tx"])
    func reject(text: String) {
        #expect(Instant(iso8601: text) == nil)
    }
}
