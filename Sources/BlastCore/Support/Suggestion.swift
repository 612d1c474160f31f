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

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbouring characters each cost one.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
