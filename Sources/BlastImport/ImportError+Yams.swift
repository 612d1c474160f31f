import Yams

extension ImportError {
    /// A syntax error from the YAML parser, with the parser's line, column and problem text.
    init(_ error: YamlError, file: String) {
        switch error {
        case let .scanner(context, problem, mark, _),
            let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            self.init(
                .syntax, "syntax: \(problem)\(during)", file: file, line: mark.line, column: mark.column)
        case let .reader(problem, offset, value, yaml):
            let place = offset.map { ImportError.lineAndColumn(ofCharacter: $0, in: yaml) }
            let byte = value >= 0 ? " (character code \(value))" : ""
            self.init(
                .syntax, "syntax: \(problem)\(byte); remove or escape it", file: file,
                line: place?.line, column: place?.column)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            self.init(
                .syntax, "syntax: duplicate key \(keys) in one mapping; keep one of them", file: file,
                line: context.mark.line, column: context.mark.column)
        case .no, .memory, .writer, .emitter, .representer, .dataCouldNotBeDecoded:
            self.init(.syntax, "syntax: \(error)", file: file)
        }
    }

    /// 1-based line and column of the character at `offset` (counted in `Character`s, as Yams does).
    private static func lineAndColumn(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
