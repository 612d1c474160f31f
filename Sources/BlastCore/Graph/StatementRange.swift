/// A run of consecutive statements: one role's allow statements, or its deny statements.
public struct StatementRange: RandomAccessCollection, Sendable, Hashable {
    public let startIndex: Int
    public let endIndex: Int

    init(_ range: Range<Int>) {
        startIndex = range.lowerBound
        endIndex = range.upperBound
    }

    @inlinable public subscript(position: Int) -> StatementID { StatementID(position) }

    /// The first statement (the end when empty).
    @inlinable public var lowerBound: StatementID { StatementID(startIndex) }
}
