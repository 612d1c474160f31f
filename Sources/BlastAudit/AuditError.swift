import BlastCore

/// Why a policy or an audit input cannot be used: the one error type of `BlastAudit`.
public struct AuditError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A policy names a resource pattern that matches nothing declared.
        case noSuchResource = "no-such-resource"
        /// A selector chooses no identity or credential.
        case emptySelection = "empty-selection"
    }

    public let code: Code
    public let message: String
    public let location: SourceLocation?

    public init(_ code: Code, _ message: String, at location: SourceLocation?) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `policy.yaml:4: error: assertions[1].to: 'prod/dbb' matches no resource of the model`.
    public var description: String {
        location?.diagnostic(message) ?? "error: \(message)"
    }
}
