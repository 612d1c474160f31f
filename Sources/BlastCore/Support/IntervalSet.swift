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

extension IntervalSet {
    /// The positions in either set.
    /// - Complexity: O(n + m).
    public func union(_ other: IntervalSet) -> IntervalSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var merged: [Range<UInt32>] = []
        merged.reserveCapacity(runs.count + other.runs.count)
        var i = 0, j = 0
        while i < runs.count || j < other.runs.count {
            let next: Range<UInt32>
            if j >= other.runs.count || (i < runs.count && runs[i].lowerBound <= other.runs[j].lowerBound) {
                next = runs[i]; i += 1
            } else {
                next = other.runs[j]; j += 1
            }
            if let last = merged.last, next.lowerBound <= last.upperBound {
                if next.upperBound > last.upperBound { merged[merged.count - 1] = last.lowerBound..<next.upperBound }
            } else {
                merged.append(next)
            }
        }
        var out = IntervalSet()
        out.runs = merged
        return out
    }

    /// `union(other)`, sharing storage with an operand when the union equals it (so that
    /// structures holding many equal sets hold one copy).
    /// - Complexity: O(n + m).
    public func sharingUnion(_ other: IntervalSet) -> IntervalSet {
        let u = union(other)
        if u == self { return self }
        if u == other { return other }
        return u
    }

    /// The positions in both sets.
    /// - Complexity: O(n + m).
    public func intersection(_ other: IntervalSet) -> IntervalSet { subtracting(subtracting(other)) }

    /// The positions in this set and not in `other`.
    /// - Complexity: O(n + m).
    public func subtracting(_ other: IntervalSet) -> IntervalSet {
        if other.isEmpty || isEmpty { return self }
        var out = IntervalSet()
        var j = 0
        for r in runs {
            var lo = r.lowerBound
            while j < other.runs.count, other.runs[j].upperBound <= lo { j += 1 }
            var k = j
            while k < other.runs.count, other.runs[k].lowerBound < r.upperBound {
                if other.runs[k].lowerBound > lo { out.runs.append(lo..<other.runs[k].lowerBound) }
                lo = max(lo, other.runs[k].upperBound)
                k += 1
            }
            if lo < r.upperBound { out.runs.append(lo..<r.upperBound) }
        }
        return out
    }

    /// The sum of `prefix[hi] - prefix[lo]` over the runs: a weighted size.
    /// - Complexity: O(runs).
    public func weight(prefix: [UInt64]) -> UInt64 {
        runs.reduce(0) { $0 + prefix[Int($1.upperBound)] - prefix[Int($1.lowerBound)] }
    }
}
