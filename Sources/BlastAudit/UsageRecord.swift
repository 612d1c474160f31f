import BlastCore

/// One recorded use of a permission: `identity` did `action` on `resource` at `time`.
public struct UsageRecord: Sendable, Hashable {
    public var identity: String
    public var action: String
    public var resource: String
    public var time: Instant
    /// Where the record was read (file and line).
    public var origin: SourceLocation?

    public init(identity: String, action: String, resource: String, time: Instant, origin: SourceLocation? = nil) {
        self.identity = identity
        self.action = action
        self.resource = resource
        self.time = time
        self.origin = origin
    }
}
