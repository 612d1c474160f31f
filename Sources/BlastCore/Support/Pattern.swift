/// A compiled action or resource pattern: `*` matches any run of characters (including `/`),
/// `?` exactly one character; everything else is literal and case-sensitive.
///
/// Compiled once per model; matching works on UTF-8 bytes, with `?` consuming one whole
/// character's bytes so non-ASCII ids behave.
public struct Pattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    @usableFromInline let bytes: [UInt8]
    /// True when the pattern has no `*` or `?`.
    public let isLiteral: Bool
    /// The bytes before the first wildcard (all of them for a literal).
    public let literalPrefix: [UInt8]

    public init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
        let firstWildcard = bytes.firstIndex { $0 == 42 || $0 == 63 }
        isLiteral = firstWildcard == nil
        literalPrefix = Array(bytes[..<(firstWildcard ?? bytes.count)])
    }

    public var description: String { text }

    /// Whether the pattern matches the whole of `subject`.
    /// - Complexity: O(|pattern| · |subject|) worst case, linear for patterns with one `*`.
    public func matches(_ subject: String) -> Bool {
        if isLiteral { return subject == text }
        var s = subject
        return s.withUTF8 { matches(utf8: $0) }
    }

    /// Whether the pattern matches the whole of `subject` given as UTF-8 bytes.
    public func matches(utf8 subject: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            Pattern.glob(p, subject)
        }
    }

    /// Classic iterative wildcard match with single-star backtracking.
    static func glob(_ p: UnsafeBufferPointer<UInt8>, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var pi = 0, si = 0
        var starP = -1, starS = 0
        @inline(__always) func charLength(_ b: UInt8) -> Int {
            b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        }
        while si < s.count {
            if pi < p.count {
                let c = p[pi]
                if c == 42 {  // *
                    starP = pi
                    starS = si
                    pi += 1
                    continue
                }
                if c == 63 {  // ? consumes one character
                    let n = charLength(s[si])
                    if si + n <= s.count {
                        si += n
                        pi += 1
                        continue
                    }
                } else if c == s[si] {
                    si += 1
                    pi += 1
                    continue
                }
            }
            guard starP >= 0 else { return false }
            starS += charLength(s[starS])
            si = starS
            pi = starP + 1
        }
        while pi < p.count, p[pi] == 42 { pi += 1 }
        return pi == p.count
    }
}

extension Pattern {
    /// `patterns` (sorted, unique) without those another of them covers: a pattern `p*` — one
    /// trailing star, no other wildcard, no `except` — covers every other pattern whose literal
    /// prefix (before its first wildcard, or the part before ` except `) starts with `p`. So
    /// `["*", "s3:get*"]` is `["*"]` and `["s3:*", "s3:getobject"]` is `["s3:*"]`; the set of
    /// actions the list allows is unchanged. Order is kept.
    /// - Complexity: O(n · l) for n patterns of length l.
    public static func withoutCovered(_ patterns: [String]) -> [String] {
        guard patterns.count > 1 else { return patterns }
        if patterns.contains("*") { return ["*"] }
        let except = Array(" except ".utf8)
        func isCovering(_ b: [UInt8]) -> Bool {
            guard b.last == 42, b.dropLast().allSatisfy({ $0 != 42 && $0 != 63 }) else { return false }
            return !contains(b, except)
        }
        var prefixes: Set<ArraySlice<UInt8>> = []
        let bytes = patterns.map { Array($0.utf8) }
        for b in bytes where isCovering(b) { prefixes.insert(b.dropLast()) }
        guard !prefixes.isEmpty else { return patterns }
        var out: [String] = []
        out.reserveCapacity(patterns.count)
        for (p, b) in zip(patterns, bytes) {
            let base = firstIndex(of: except, in: b) ?? b.count
            let literal = b[..<base].prefix { $0 != 42 && $0 != 63 }
            let own = isCovering(b) ? b.count - 1 : -1
            var covered = false
            for end in 0...literal.count where end != own && prefixes.contains(literal.prefix(end)) {
                covered = true
                break
            }
            if !covered { out.append(p) }
        }
        return out
    }

    private static func contains(_ b: [UInt8], _ needle: [UInt8]) -> Bool { firstIndex(of: needle, in: b) != nil }

    private static func firstIndex(of needle: [UInt8], in b: [UInt8]) -> Int? {
        guard b.count >= needle.count else { return nil }
        for i in 0...(b.count - needle.count) where b[i] == needle[0] {
            if b[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }
}
