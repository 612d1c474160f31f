/// "Did you mean" suggestions for mistyped ids.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo
    /// (at most a third of the word's length, and at least 1). Ties go to the smallest string.
    /// - Complexity: O(n · |word| · |candidate|).
    public static func closest<S: Sequence>(to word: String, among candidates: S) -> String? where S.Element == String {
        let w = Array(word.unicodeScalars)
        let limit = max(1, w.count / 3)
        var best: (Int, String)?
        for c in candidates {
            let d = distance(w, Array(c.unicodeScalars))
            guard d <= limit else { continue }
            if best == nil || d < best!.0 || (d == best!.0 && c < best!.1) { best = (d, c) }
        }
        return best?.1
    }

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
