/// A small, typed index into one of the compiled graph's tables.
///
/// The phantom `Tag` keeps an identity index from being used as a resource index.
public struct ElementID<Tag>: Hashable, Comparable, Sendable {
    public let rawValue: UInt32

    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    @inlinable public init(_ index: Int) { self.rawValue = UInt32(index) }
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum IdentityTag {}
public enum CredentialTag {}
public enum GroupTag {}
public enum RoleTag {}
public enum GrantTag {}
public enum AssumeTag {}
public enum StatementTag {}
/// Resources are numbered in hierarchy order: a subtree is a contiguous run.
public enum ResourceTag {}
/// Identities first, then groups: anything that can be a member, hold a grant or assume.
public enum HolderTag {}

public typealias IdentityID = ElementID<IdentityTag>
public typealias CredentialID = ElementID<CredentialTag>
public typealias GroupID = ElementID<GroupTag>
public typealias RoleID = ElementID<RoleTag>
public typealias GrantID = ElementID<GrantTag>
public typealias AssumeID = ElementID<AssumeTag>
public typealias StatementID = ElementID<StatementTag>
public typealias ResourceID = ElementID<ResourceTag>
public typealias HolderID = ElementID<HolderTag>

/// Compressed sparse rows: for each source index, a contiguous slice of targets.
public struct Adjacency<T: Sendable>: Sendable {
    @usableFromInline let offsets: ContiguousArray<UInt32>
    @usableFromInline let targets: ContiguousArray<T>

    /// Builds from (source, target) pairs, keeping their relative order per source.
    /// - Complexity: O(n + sources).
    public init(sourceCount: Int, pairs: [(Int, T)]) {
        var counts = ContiguousArray<UInt32>(repeating: 0, count: sourceCount + 1)
        for (s, _) in pairs { counts[s + 1] += 1 }
        for i in 0..<sourceCount { counts[i + 1] += counts[i] }
        var fill = counts
        var out = ContiguousArray<T?>(repeating: nil, count: pairs.count)
        for (s, t) in pairs {
            out[Int(fill[s])] = t
            fill[s] += 1
        }
        offsets = counts
        targets = ContiguousArray(out.map { $0! })
    }

    @inlinable public subscript(source: Int) -> ArraySlice<T> {
        ArraySlice(targets[Int(offsets[source])..<Int(offsets[source + 1])])
    }

    @inlinable public var edgeCount: Int { targets.count }
}
