/// Where a JSON text first breaks the grammar, for the message: Foundation's `JSONDecoder` only
/// says "The given data was not valid JSON", and exports are routinely megabytes long.
///
/// Run on the error path only; a single forward pass with an explicit stack (no recursion, so any
/// nesting depth is fine).
enum JSONSyntax {
    struct Problem: Equatable {
        /// 1-based line and column (in characters) of the offending byte, or of the end of the file.
        var line: Int
        var column: Int
        var message: String
    }

    private enum Expect { case value, valueOrEnd, keyOrEnd, key, commaOrEnd, end }

    /// The first syntax problem of `text`, or nil when it is well-formed JSON.
    /// - Complexity: O(n) in the length of `text`.
    static func firstProblem(in text: String) -> Problem? {
        let b = Array(text.utf8)
        let n = b.count
        var i = 0
        var stack: [UInt8] = []
        var expect = Expect.value

        func problem(_ message: String) -> Problem {
            var line = 1
            var column = 1
            for k in 0..<min(i, n) {
                if b[k] == 0x0A {
                    line += 1
                    column = 1
                } else if b[k] & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return Problem(line: line, column: column, message: message)
        }
        func found() -> String {
            guard i < n else { return "the end of the file (truncated?)" }
            let scalar = Unicode.Scalar(b[i])
            return b[i] < 0x80 ? "'\(escapedForMessage(Character(scalar)))'" : "a non-ASCII byte"
        }
        func skipSpace() { while i < n, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 } }
        func afterValue() -> Expect { stack.isEmpty ? .end : .commaOrEnd }
        /// Reads a string starting at its opening quote.
        func string() -> Problem? {
            i += 1
            while i < n {
                switch b[i] {
                case 0x22:
                    i += 1
                    return nil
                case 0x5C:
                    i += 1
                    guard i < n else { return problem("the file ends inside a string (truncated?)") }
                    switch b[i] {
                    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 1
                    case 0x75:
                        for _ in 0..<4 {
                            i += 1
                            guard i < n, (0x30...0x39).contains(b[i]) || (0x41...0x46).contains(b[i]) || (0x61...0x66).contains(b[i])
                            else { return problem("a \\u escape needs four hex digits") }
                        }
                        i += 1
                    default: return problem("\(found()) cannot follow a backslash in a string")
                    }
                case 0..<0x20: return problem("a control character inside a string; write it as an escape")
                default: i += 1
                }
            }
            return problem("the file ends inside a string (truncated?)")
        }
        func digits() -> Bool {
            let start = i
            while i < n, (0x30...0x39).contains(b[i]) { i += 1 }
            return i > start
        }
        func number() -> Problem? {
            if b[i] == 0x2D { i += 1 }
            guard i < n, (0x30...0x39).contains(b[i]) else { return problem("\(found()) is not a number") }
            if b[i] == 0x30 { i += 1 } else { _ = digits() }
            if i < n, b[i] == 0x2E {
                i += 1
                guard digits() else { return problem("a number needs digits after '.'") }
            }
            if i < n, b[i] == 0x65 || b[i] == 0x45 {
                i += 1
                if i < n, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
                guard digits() else { return problem("a number needs digits in its exponent") }
            }
            return nil
        }

        while true {
            skipSpace()
            switch expect {
            case .value, .valueOrEnd:
                guard i < n else { return problem("the file ends where a value belongs (truncated?)") }
                if expect == .valueOrEnd, b[i] == 0x5D {
                    i += 1
                    stack.removeLast()
                    expect = afterValue()
                    continue
                }
                switch b[i] {
                case 0x7B:
                    stack.append(0x7B)
                    i += 1
                    expect = .keyOrEnd
                case 0x5B:
                    stack.append(0x5B)
                    i += 1
                    expect = .valueOrEnd
                case 0x22:
                    if let p = string() { return p }
                    expect = afterValue()
                case 0x2D, 0x30...0x39:
                    if let p = number() { return p }
                    expect = afterValue()
                default:
                    var matched = false
                    for word in ["true", "false", "null"] where b[i...].starts(with: word.utf8) {
                        i += word.utf8.count
                        matched = true
                        break
                    }
                    guard matched else { return problem("\(found()) where a value belongs") }
                    expect = afterValue()
                }
            case .keyOrEnd, .key:
                guard i < n else { return problem("the file ends where a key belongs (truncated?)") }
                if expect == .keyOrEnd, b[i] == 0x7D {
                    i += 1
                    stack.removeLast()
                    expect = afterValue()
                    continue
                }
                guard b[i] == 0x22 else { return problem("\(found()) where a key in double quotes belongs") }
                if let p = string() { return p }
                skipSpace()
                guard i < n, b[i] == 0x3A else { return problem("\(found()) after a key; expected ':'") }
                i += 1
                expect = .value
            case .commaOrEnd:
                let close: UInt8 = stack.last == 0x7B ? 0x7D : 0x5D
                guard i < n else { return problem("the file ends inside \(close == 0x7D ? "an object" : "a list") (truncated?)") }
                if b[i] == 0x2C {
                    i += 1
                    expect = stack.last == 0x7B ? .key : .value
                } else if b[i] == close {
                    i += 1
                    stack.removeLast()
                    expect = afterValue()
                } else {
                    return problem("\(found()) where ',' or '\(close == 0x7D ? "}" : "]")' belongs")
                }
            case .end:
                return i < n ? problem("\(found()) after the end of the JSON document") : nil
            }
        }
    }
}
