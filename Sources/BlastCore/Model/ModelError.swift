/// A model that is not self-consistent: a duplicate or undefined id, a reference of the wrong kind.
///
/// Each error names the offending value and where it was declared, and says what to do.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case duplicateID = "duplicate-id"
        case undefinedReference = "undefined-reference"
        case wrongKind = "wrong-kind"
        case invalidValue = "invalid-value"
    }

    public var code: Code
    public var message: String
    public var location: SourceLocation?

    public init(_ code: Code, _ message: String, at location: SourceLocation?) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        guard let location else { return "error: \(message)" }
        return "\(location): error: \(message)"
    }
}

/// What a lookup in the compiled graph could not find.
public struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unknownID = "unknown-id"
        case wrongKind = "wrong-kind"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "error: \(message)" }
}
