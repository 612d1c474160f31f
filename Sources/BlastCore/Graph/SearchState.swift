/// A state of a search: identity sessions first (`identity * 2 + mfa`), then credentials, then
/// grant states (a grant's reveals and takeovers, shared by every session that may use it).
///
/// A small index like the element ids, so per-state tables are plain arrays.
@frozen public struct SearchState: Hashable, Comparable, Sendable {
    public let rawValue: UInt32

    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    /// The state as an index into per-state tables.
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
