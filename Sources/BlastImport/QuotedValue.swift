/// A value from an input file as an error message shows it: in single quotes, control characters
/// written as escapes (`\n`, `\e`, `\u{7}`), and at most `limit` characters with the length of the
/// rest, so that a megabyte-long value, or a secret pasted into the wrong field, never lands whole
/// on stderr or in a CI log.
///
///     quoted("2026-13-01")          // '2026-13-01'
///     quoted(String(repeating: "x", count: 10_000))   // 'xxx…' (10000 characters)
public func quoted(_ value: some StringProtocol, limit: Int = 60) -> String {
    var out = "'"
    var shown = 0
    var total = 0
    for ch in value {
        total += 1
        guard shown < limit else { continue }
        shown += 1
        out += escapedForMessage(ch)
    }
    out += "'"
    if total > shown { out += "… (\(total) characters)" }
    return out
}

/// Shorter limits for values whose valid forms are short: a wrong one that is much longer is
/// likely something else pasted into the field (a secret), of which less is shown.
enum QuotedLimit {
    /// `true`, `false`: 16 characters show any typo.
    static let boolean = 16
    /// The longest ISO 8601 date-time with fractions and an offset fits in 40.
    static let date = 40
}

/// One character as a message shows it: control characters, line and paragraph separators and
/// bidirectional overrides as escapes; everything else as is.
func escapedForMessage(_ ch: Character) -> String {
    switch ch {
    case "\n": return "\\n"
    case "\r": return "\\r"
    case "\r\n": return "\\r\\n"
    case "\t": return "\\t"
    case "\u{1B}": return "\\e"
    default: break
    }
    guard ch.unicodeScalars.contains(where: isInvisibleControl) else { return String(ch) }
    return ch.unicodeScalars.map { isInvisibleControl($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
}

/// C0 and C1 controls, DEL, U+2028/2029 and the bidirectional embedding/override/isolate marks.
func isInvisibleControl(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
}
