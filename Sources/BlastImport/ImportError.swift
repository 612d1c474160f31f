import BlastCore

/// Why a model file could not be turned into a `Model`: the one error type of `BlastImport`.
///
/// Each error has a code, a message that says what to do, and where the problem is (file, line,
/// column for syntax errors, key path). `description` renders it the way compilers do:
///
///     samples/acme.yaml:42: error: grants[3].expires: '2026-13-01' is not a date; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem this is; stable, so scripts and tests can rely on it.
    public enum Code: String, Sendable {
        /// The file could not be read (missing, a directory, not UTF-8, no permission).
        case unreadable
        /// The text is not well-formed YAML or JSON.
        case syntax
        /// The file holds no document at all.
        case emptyDocument = "empty-document"
        /// `version` is not one this loader reads.
        case unsupportedVersion = "unsupported-version"
        /// A key the schema does not define, usually a typo.
        case unknownKey = "unknown-key"
        /// A required key is absent or has no value.
        case missingKey = "missing-key"
        /// A value has the wrong shape: a list where a string belongs, and so on.
        case wrongType = "wrong-type"
        /// A value has the right shape but is not allowed: a bad date, enum value or boolean.
        case badValue = "bad-value"
        /// The decoded model is not self-consistent (see `Model.validate()`); `underlying` holds the `ModelError`.
        case invalidModel = "invalid-model"
        /// A binary snapshot is truncated, was edited (its checksum does not match), or holds an
        /// index or value this loader cannot read.
        case damagedSnapshot = "damaged-snapshot"
        /// The input would exceed a bound blast keeps on resource use (YAML alias expansion); the
        /// message names the limit and how it is made.
        case limitExceeded = "limit-exceeded"
    }

    public var code: Code
    /// What is wrong and what to do about it.
    public var message: String
    /// The file as it was given to the loader; nil only for model-wide problems.
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column; given for syntax errors.
    public var column: Int?
    /// Where in the document, such as `grants[3].expires`; nil for whole-file problems.
    public var keyPath: String?
    /// The error this one was made from: the `ModelError` of an `.invalidModel` error.
    public var underlying: (any Error & Sendable)?

    /// An error with its code, message and whatever location is known.
    public init(
        _ code: Code, _ message: String, file: String?, line: Int? = nil, column: Int? = nil,
        keyPath: String? = nil, underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath.flatMap { $0.isEmpty ? nil : $0 }
        self.underlying = underlying
    }

    /// An error about the element or value declared at `location`.
    init(_ code: Code, _ message: String, at location: SourceLocation) {
        self.init(code, message, file: location.file, line: location.line, keyPath: location.keyPath)
    }

    /// `file:line[:column]: error: [keyPath: ]message`, or `error: message` without a file.
    public var description: String {
        guard let file, !file.isEmpty || line != nil else { return "error: " + (keyPath.map { "\($0): " } ?? "") + message }
        return SourceLocation(file: file, line: line, keyPath: keyPath ?? "").diagnostic(message, column: column)
    }
}

extension ImportError {
    /// Wraps a `Model.validate()` failure, keeping the location it names.
    init(_ error: ModelError) {
        self.init(
            .invalidModel, error.message, file: error.location?.file, line: error.location?.line,
            keyPath: error.location?.keyPath, underlying: error)
    }
}
