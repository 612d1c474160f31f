import BlastCore

/// How text answers are written: colour (ANSI escapes) only on a terminal, and the small
/// phrases every text presenter shares.
public struct TextStyle: Sendable {
    /// Whether to paint with ANSI escapes.
    public let colour: Bool

    public init(colour: Bool) {
        self.colour = colour
    }

    /// Plain text, for presenters nested inside other answers.
    public static let plain = TextStyle(colour: false)

    func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ s: String) -> String { paint(s, "1") }
    public func dim(_ s: String) -> String { paint(s, "2") }

    /// The criticality as a fixed-width, coloured label.
    public func criticality(_ c: Criticality) -> String {
        let label = c.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
        switch c {
        case .critical: return paint(label, "1;31")
        case .high: return paint(label, "33")
        case .medium: return paint(label, "36")
        case .low: return dim(label)
        }
    }

    /// `a -credential-> b -member-> c`, with pivots, takeovers and escalations marked.
    public func path(_ steps: [PathStep]) -> String {
        guard let first = steps.first else { return "(the start itself)" }
        var out = first.from
        for s in steps {
            var label = s.edge.rawValue
            if s.terms?.approval == true { label += "+approval" }
            if s.terms?.mfa == true { label += "+mfa" }
            if let c = s.terms?.condition { label += "+if(\(c))" }
            if let t = s.technique { label += "[\(t)]" }
            let arrow = " -\(label)-> "
            out += (s.edge == .pivot || s.edge == .takeover || s.edge == .escalate) ? paint(arrow, "31") : dim(arrow)
            out += s.to
        }
        return out
    }

    public func hops(_ n: Int) -> String { plural(n, "hop") }

    /// `text` made safe for a terminal or a log: line feeds and tabs stay, and so do the colour
    /// sequences `paint` writes (`ESC [ digits m`); every other control character — an escape
    /// starting another sequence (`ESC ] 0;title BEL` retitles a terminal), a carriage return
    /// that would overwrite a line, DEL, C1 controls — is written visibly (`\e`, `\r`, `\u{7}`),
    /// so an id can neither drive the terminal nor forge output.
    /// - Complexity: O(n) in the length of `text`, one pass over its UTF-8; no copy when there is
    ///   nothing to escape.
    public static func terminalSafe(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let n = bytes.count
        func isC1(_ i: Int) -> Bool { bytes[i] == 0xC2 && i + 1 < n && (0x80..<0xA0).contains(bytes[i + 1]) }
        /// The index of the `m` ending a colour sequence `ESC [ [0-9;]* m` starting at `i`.
        func colourEnd(_ i: Int) -> Int? {
            var k = i + 1
            guard k < n, bytes[k] == 0x5B else { return nil }
            k += 1
            while k < n, (0x30...0x39).contains(bytes[k]) || bytes[k] == 0x3B { k += 1 }
            return k < n && bytes[k] == 0x6D ? k : nil
        }
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == 0x1B, let end = colourEnd(i) {
                i = end + 1
                continue
            }
            if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F || isC1(i) { break }
            i += 1
        }
        guard i < n else { return text }
        var out = Array(bytes[..<i])
        out.reserveCapacity(n + 16)
        while i < n {
            let b = bytes[i]
            if b == 0x1B, let end = colourEnd(i) {
                out.append(contentsOf: bytes[i...end])
                i = end + 1
                continue
            }
            switch b {
            case 0x0D: out.append(contentsOf: Array("\\r".utf8))
            case 0x1B: out.append(contentsOf: Array("\\e".utf8))
            case 0x0A, 0x09: out.append(b)
            case 0..<0x20, 0x7F: out.append(contentsOf: Array("\\u{\(String(b, radix: 16))}".utf8))
            default:
                if isC1(i) {
                    out.append(contentsOf: Array("\\u{\(String(bytes[i + 1], radix: 16))}".utf8))
                    i += 2
                    continue
                }
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `1 identity`, `3 identities`.
    public func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        n == 1 ? "1 \(one)" : "\(n) \(many ?? one + "s")"
    }
}
