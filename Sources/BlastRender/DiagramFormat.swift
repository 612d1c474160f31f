/// What `GraphvizRenderer` produces.
public enum DiagramFormat: String, Sendable, CaseIterable {
    /// Graphviz's own DOT text, without layout positions: diff-able, golden-comparable.
    case dot
    /// A laid-out SVG drawing with tooltips; embeds the Graphviz version, so compare it by structure.
    case svg
    /// A laid-out PNG image (Graphviz's cairo plugin), for pages and chats that show no SVG.
    case png
    /// A laid-out PDF page (Graphviz's cairo plugin), for print.
    case pdf

    /// Whether the output is laid out (everything but DOT).
    public var isLaidOut: Bool { self != .dot }
}

extension DiagramFormat {
    /// `pdf` with the creation date cairo stamps into it (`/CreationDate (D:20261129161310Z)`)
    /// replaced by the epoch, digit for digit, so that the same scene gives the same bytes
    /// (byte offsets, hence the cross-reference table, are unchanged).
    ///
    /// - Complexity: O(n) in the size of `pdf`.
    static func pinningPDFCreationDate(_ pdf: [UInt8]) -> [UInt8] {
        let key = Array("/CreationDate (D:".utf8)
        let epoch = Array("19700101000000".utf8)
        var result = pdf
        var k = 0
        while k + key.count + epoch.count <= result.count {
            if result[k..<k + key.count].elementsEqual(key) {
                let start = k + key.count
                let digits = result[start..<start + epoch.count].prefix { (0x30...0x39).contains($0) }.count
                result.replaceSubrange(start..<start + digits, with: epoch.prefix(digits))
                k = start + digits
            } else {
                k += 1
            }
        }
        return result
    }
}
