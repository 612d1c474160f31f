import BlastCore
import Testing

@Suite("Interval sets")
struct IntervalSetTests {
    @Test("union merges overlapping and touching runs")
    func union() {
        let a = IntervalSet(runs: [0..<3, 10..<12]), b = IntervalSet(runs: [3..<5, 11..<20, 30..<31])
        #expect(a.union(b).runs == [0..<5, 10..<20, 30..<31])
    }

    @Test("subtracting removes every covered position")
    func subtract() {
        let a = IntervalSet(runs: [0..<10, 20..<30]), b = IntervalSet(runs: [2..<4, 8..<22, 29..<40])
        #expect(a.subtracting(b).runs == [0..<2, 4..<8, 22..<29])
    }
}
