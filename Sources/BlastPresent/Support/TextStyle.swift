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
    /// - Complexity: O(n) in the length of `text`; no copy when there is nothing to escape.
    public static func terminalSafe(_ text: String) -> String {
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}", let end = sgrEnd(scalars, from: i) {
                out.unicodeScalars.append(contentsOf: scalars[i...end])
                i = end + 1
                continue
            }
            switch s.value {
            case 0x0A, 0x09: out.unicodeScalars.append(s)
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            case 0..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(s.value, radix: 16))}"
            default: out.unicodeScalars.append(s)
            }
            i += 1
        }
        return out
    }

    /// The index of the `m` ending a colour sequence `ESC [ [0-9;]* m` starting at `start`.
    private static func sgrEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var k = start + 1
        guard k < scalars.count, scalars[k] == "[" else { return nil }
        k += 1
        while k < scalars.count, ("0"..."9").contains(scalars[k]) || scalars[k] == ";" { k += 1 }
        return k < scalars.count && scalars[k] == "m" ? k : nil
    }

    /// `1 identity`, `3 identities`.
    public func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        n == 1 ? "1 \(one)" : "\(n) \(many ?? one + "s")"
    }
}
