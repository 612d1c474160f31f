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

    /// `1 identity`, `3 identities`.
    public func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        n == 1 ? "1 \(one)" : "\(n) \(many ?? one + "s")"
    }
}
