import BlastCore
import Testing

/// The instants blast reads (`Instant.supportedRange`), and date arithmetic that never traps.
@Suite("Instant range")
struct InstantRangeTests {
    @Test("every date ISO 8601 can write, with any offset, is in the supported range")
    func parsedDatesAreSupported() throws {
        let earliest = try #require(Instant(iso8601: "0000-01-01T00:00:00+23:59"))
        let latest = try #require(Instant(iso8601: "9999-12-31T23:59:60-23:59"))
        #expect(Instant.supportedRange.contains(earliest.secondsSinceEpoch))
        #expect(Instant.supportedRange.contains(latest.secondsSinceEpoch))
    }

    @Test("printing is defined for every second, Int64.min included")
    func printingExtremes() {
        #expect(Instant(secondsSinceEpoch: -62_167_219_200).iso8601 == "0000-01-01T00:00:00Z")
        #expect(Instant(secondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59Z")
        #expect(Instant(secondsSinceEpoch: .min).iso8601.hasSuffix("Z"))
        #expect(Instant(secondsSinceEpoch: .min + 1).iso8601.hasSuffix("Z"))
        #expect(Instant(secondsSinceEpoch: .max).iso8601.hasSuffix("Z"))
    }

    @Test("days between instants farther apart than Int64 seconds saturate")
    func daysSaturate() {
        let early = Instant(secondsSinceEpoch: .min + 1), late = Instant(secondsSinceEpoch: .max)
        #expect(early.days(until: late) == .max / 86_400)
        #expect(late.days(until: early) == .min / 86_400)
        #expect(Instant(year: 2026, month: 1, day: 1).days(until: Instant(year: 2026, month: 11, day: 23)) == 326)
    }
}
