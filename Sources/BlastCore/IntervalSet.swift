/// A set of resource positions stored as sorted, disjoint, non-adjacent half-open runs.
///
/// Resources are numbered in hierarchy order, so a subtree is one run and pattern coverage stays
/// small however many resources it spans.
public struct IntervalSet: Sendable, Hashable {
    /// Sorted, disjoint runs `lo..<hi`, no two touching.
    public private(set) var runs: [Range<UInt32>]

    public init() { runs = [] }

    /// Builds from arbitrary runs (any order, overlaps allowed).
    /// - Complexity: O(n log n).
    public init<S: Sequence>(runs input: S) where S.Element == Range<UInt32> {
        let sorted = input.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<UInt32>] = []
        merged.reserveCapacity(sorted.count)
        for r in sorted {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                if r.upperBound > last.upperBound { merged[merged.count - 1] = last.lowerBound..<r.upperBound }
            } else {
                merged.append(r)
            }
        }
        runs = merged
    }

    public var isEmpty: Bool { runs.isEmpty }

    /// Number of positions covered.
    public var count: Int { runs.reduce(0) { $0 + $1.count } }

    /// - Complexity: O(log n).
    public func contains(_ position: UInt32) -> Bool {
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].upperBound <= position { lo = mid + 1 } else { hi = mid }
        }
        return lo < runs.count && runs[lo].contains(position)
    }

    /// The part of this set inside `range`.
    /// - Complexity: O(log n + k) for k runs in the result.
    public func clamped(to range: Range<UInt32>) -> IntervalSet {
        var out = IntervalSet()
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].upperBound <= range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var i = lo
        while i < runs.count, runs[i].lowerBound < range.upperBound {
            let r = max(runs[i].lowerBound, range.lowerBound)..<min(runs[i].upperBound, range.upperBound)
            if !r.isEmpty { out.runs.append(r) }
            i += 1
        }
        return out
    }
}
