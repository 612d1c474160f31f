import BlastCore
import Testing

@Suite("Patterns")
struct PatternTests {
    @Test(
        "* matches any run of characters, including /",
        arguments: [
            ("*", "prod/db/x", true), ("prod/*", "prod/db/x", true), ("s3:Get*", "s3:GetObject", true),
            ("s3:Get*", "s3:PutObject", false), ("*:create", "credentials:create", true), ("a*b*c", "axxbyyc", true),
            ("a*b*c", "axxbyy", false), ("", "", true), ("*", "", true),
        ])
    func star(pattern: String, subject: String, expected: Bool) {
        #expect(Pattern(pattern).matches(subject) == expected)
    }

    @Test(
        "? matches exactly one character, also a multi-byte one",
        arguments: [
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
