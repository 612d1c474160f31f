/// The compiled, immutable form of a `Model` that every query runs on.
///
/// Ids are interned to small integers; memberships, grants and assumes are stored as compressed
/// adjacency; resources are numbered in hierarchy order so that a subtree, a scope and most
/// pattern coverage are runs of integers; every pattern is compiled once here, never per query.
public struct AccessGraph: Sendable {
    /// A named element of the model.
    public enum Element: Sendable, Hashable {
        case identity(IdentityID)
        case credential(CredentialID)
        case group(GroupID)
        case role(RoleID)
        case resource(ResourceID)
    }

    public struct CompiledStatement: Sendable {
        public let role: RoleID
        public let isDeny: Bool
        public let actions: [Pattern]
        /// Actions excepted from `actions` (AWS `NotAction`); empty for most statements.
        public let exceptActions: [Pattern]
        public let resourcePatterns: [String]
        /// Declared resources the statement covers (matched ids and everything below them).
        public let coverage: IntervalSet
        /// Bit k set when some action pattern matches `revealActions[k]`.
        public let revealMask: UInt64
        /// Bit k set when some action pattern matches `takeoverActions[k]`.
        public let takeoverMask: UInt64
        public let origin: SourceLocation?

        /// Whether the statement applies to the concrete `action`: some action pattern matches it
        /// and no excepted pattern does.
        @inlinable public func matches(action: String) -> Bool {
            actions.contains { $0.matches(action) } && !exceptActions.contains { $0.matches(action) }
        }

        /// The action patterns as shown in answers: `*`, or `* except iam:*, organizations:*`.
        public var actionTexts: [String] {
            guard !exceptActions.isEmpty else { return actions.map(\.text) }
            let except = exceptActions.map(\.text).joined(separator: ", ")
            return actions.map { "\($0.text) except \(except)" }
        }

        /// For a deny statement: whether it removes the allow pattern `allow` as a whole (see
        /// docs/semantics.md). With excepted actions, only when no excepted pattern overlaps `allow`.
        public func removes(allow: Pattern) -> Bool {
            guard actions.contains(where: { $0.matches(allow.text) }) else { return false }
            return !exceptActions.contains { $0.matches(allow.text) || allow.matches($0.text) }
        }
    }

    public struct CompiledGrant: Sendable {
        public let holder: HolderID
        public let role: RoleID
        /// Positions at or below the scope; nil for an unscoped grant.
        public let scope: Range<UInt32>?
        public let terms: Terms
        public let model: Grant
    }

    public struct CompiledAssume: Sendable {
        public let from: HolderID
        public let to: IdentityID
        public let terms: Terms
        public let model: Assume
    }

    /// A copy of a credential held in a resource.
    public struct CredentialCopy: Sendable {
        public let resource: ResourceID
        public let credential: CredentialID
    }

    /// An escalation with its requirements resolved.
    public struct CompiledEscalation: Sendable {
        public let requires: [(action: String, resource: ResourceID)]
        public let to: IdentityID
        /// Only sessions whose holders include this one may use it (nil: any session).
        public let from: HolderID?
        public let model: Escalation
    }

    /// An identity that a takeover action on `resource` yields.
    public struct TakeoverTarget: Sendable {
        public let resource: ResourceID
        public let identity: IdentityID
    }

    /// The model the graph was compiled from.
    public let model: Model
    package let identities: [Identity]
    package let credentials: [Credential]
    package let groups: [Group]
    package let roles: [Role]
    /// Resources in hierarchy order (`prod`, `prod/db`, `prod/db/x`, `prod-eu`, …).
    package let resources: [Resource]
    package let statements: [CompiledStatement]
    package let grants: [CompiledGrant]
    package let assumes: [CompiledAssume]
    /// Per role: its allow statements then its deny statements.
    package let roleAllows: [StatementRange]
    package let roleDenies: [StatementRange]
    /// Holder → the groups that directly contain it, in group declaration order.
    package let memberOf: Adjacency<HolderID>
    /// Group (as holder) → its direct members.
    package let members: Adjacency<HolderID>
    /// Holder → grants held directly.
    package let grantsOf: Adjacency<GrantID>
    /// Holder → assumes it may make directly.
    package let assumesOf: Adjacency<AssumeID>
    /// Role → grants of it.
    package let grantsOfRole: Adjacency<GrantID>
    /// Credential copies sorted by resource position.
    package let copies: [CredentialCopy]
    /// Identity resources sorted by resource position.
    package let takeoverTargets: [TakeoverTarget]
    /// Resource positions of `copies` and of `takeoverTargets`, for binary search.
    let copyPositions: [UInt32]
    let takeoverPositions: [UInt32]
    package let escalations: [CompiledEscalation]
    /// Escalation requirements by the statements that satisfy them.
    let escalationIndex: EscalationIndex
    /// Per role: whether some allow statement can reveal a credential copy or take over an
    /// identity (a reveal or takeover action bit).
    let roleHasPowers: [Bool]
    /// Credential → the identity it authenticates.
    package let credentialOwner: [IdentityID]
    /// Identity → its credentials.
    package let credentialsOf: Adjacency<CredentialID>
    /// Identity → the position of its resource, if any.
    package let identityResource: [ResourceID?]
    let index: [String: Element]
    let hierarchyKeys: [[UInt8]]
    /// Reusable per-state tables for searches.
    let statePool: StatePool

    public var identityCount: Int { identities.count }
    public var holderCount: Int { identities.count + groups.count }

    // MARK: Lookup

    /// The element an id names, if any.
    /// - Complexity: O(1).
    public func element(named id: String) -> Element? { index[id] }

    /// Resolves an id, or throws an error with a "did you mean" suggestion.
    /// - Complexity: O(1) when found; O(n) for the suggestion.
    public func resolve(_ id: String) throws(QueryError) -> Element {
        if let e = index[id] { return e }
        let hint = Suggestion.closest(to: id, among: index.keys).map { "; did you mean '\($0)'?" } ?? ""
        throw QueryError(.unknownID, "'\(id)' is not an identity, credential, group, role or resource of the model\(hint)")
    }

    public func name(of element: Element) -> String {
        switch element {
        case .identity(let i): identities[i.index].id
        case .credential(let c): credentials[c.index].id
        case .group(let g): groups[g.index].id
        case .role(let r): roles[r.index].id
        case .resource(let r): resources[r.index].id
        }
    }

    public func kind(of element: Element) -> NodeKind {
        switch element {
        case .identity: .identity
        case .credential: .credential
        case .group: .group
        case .role: .role
        case .resource: .resource
        }
    }

    /// The holder as an element (identity or group).
    public func element(of holder: HolderID) -> Element {
        holder.index < identities.count
            ? .identity(IdentityID(holder.rawValue))
            : .group(GroupID(holder.index - identities.count))
    }

    public func holder(of identity: IdentityID) -> HolderID { HolderID(identity.rawValue) }

    /// The positions of `id` and everything below it, whether or not `id` itself is declared.
    /// - Complexity: O(log R).
    public func subtree(of id: String) -> Range<UInt32> {
        AccessGraph.subtreeRange(of: id, keys: hierarchyKeys)
    }

    // MARK: Hierarchy helpers

    /// Resource ids compared component by component: `/` sorts before every other byte.
    static func hierarchyKey(_ id: String) -> [UInt8] {
        id.utf8.map { $0 == 47 ? 0 : $0 }
    }

    static func lowerBound(_ keys: [[UInt8]], _ key: [UInt8]) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid].lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    static func subtreeRange(of id: String, keys: [[UInt8]]) -> Range<UInt32> {
        let k = hierarchyKey(id)
        let lo = lowerBound(keys, k)
        let hi = lowerBound(keys, k + [1])
        return UInt32(lo)..<UInt32(hi)
    }

    /// Positions of the keys starting with `prefix` (byte-wise, after the hierarchy mapping).
    static func prefixRange(_ prefix: [UInt8], keys: [[UInt8]]) -> Range<Int> {
        let lo = lowerBound(keys, prefix)
        var hi = lo
        var step = 1
        // Gallop then binary search for the first key that does not start with `prefix`.
        while hi + step <= keys.count, keys[hi + step - 1].starts(with: prefix) { hi += step; step *= 2 }
        var top = min(keys.count, hi + step)
        while hi < top {
            let mid = (hi + top) / 2
            if keys[mid].starts(with: prefix) { hi = mid + 1 } else { top = mid }
        }
        return lo..<hi
    }

    /// The declared resources a resource pattern covers: those it matches, and everything below
    /// an id it matches (declared or only implied by a deeper id).
    /// - Parameter suffixes: the keys' `SuffixIndex`, asked for (and built by the caller, once)
    ///   only when a pattern ending in a literal has many candidates: `arn:aws:iam::*:user/alice`,
    ///   one per user of a policy with `${aws:username}`, then costs O(log R) instead of a scan of
    ///   every IAM key.
    static func coverage(of pattern: Pattern, keys: [[UInt8]], suffixes: (() -> SuffixIndex)? = nil) -> IntervalSet {
        if pattern.isLiteral { return IntervalSet(runs: [subtreeRange(of: pattern.text, keys: keys)]) }
        let prefix = pattern.literalPrefix.map { $0 == 47 ? 0 : $0 }
        let candidates = prefixRange(prefix, keys: keys)
        // `prefix*` matches every candidate, and every key below a candidate is a candidate.
        if pattern.bytes.count == pattern.literalPrefix.count + 1, pattern.bytes.last == 42 {
            return IntervalSet(runs: candidates.isEmpty ? [] : [UInt32(candidates.lowerBound)..<UInt32(candidates.upperBound)])
        }
        // The pattern in the keys' alphabet ('/' is 0 there; `?` still takes one character), so
        // that keys are matched in place.
        let mapped = pattern.bytes.map { $0 == 47 ? 0 : $0 }
        let suffix = mapped[((mapped.lastIndex { $0 == 42 || $0 == 63 } ?? -1) + 1)...]
        if let suffixes, !suffix.isEmpty, candidates.count > 64 {
            // Every id the pattern matches (a key or an ancestor of one) ends with its literal
            // suffix: only those are tested. The same union of subtrees as the scan below.
            let index = suffixes()
            var runs: [Range<UInt32>] = []
            mapped.withUnsafeBufferPointer { p in
                for (key, length) in index.prefixes(endingWith: Array(suffix)) where length >= prefix.count {
                    keys[key].withUnsafeBufferPointer { k in
                        guard Pattern.glob(p, UnsafeBufferPointer(rebasing: k[0..<length])) else { return }
                        let id = Array(k[0..<length])
                        runs.append(UInt32(lowerBound(keys, id))..<UInt32(lowerBound(keys, id + [1])))
                    }
                }
            }
            return IntervalSet(runs: runs)
        }
        var runs: [Range<UInt32>] = []
        var position = candidates.lowerBound
        let end = candidates.upperBound
        mapped.withUnsafeBufferPointer { p in
            while position < end {
                // Test the id and each ancestor at least as long as the prefix.
                let key = keys[position]
                var length = key.count
                var matched = false
                key.withUnsafeBufferPointer { k in
                    while length >= prefix.count {
                        if Pattern.glob(p, UnsafeBufferPointer(rebasing: k[0..<length])) {
                            matched = true
                            break
                        }
                        guard let separator = k[0..<length].lastIndex(of: 0) else { break }
                        length = separator
                    }
                }
                if matched {
                    // The matched id's subtree is a run: skip to its end.
                    let id = Array(key[0..<length])
                    let run = UInt32(lowerBound(keys, id))..<UInt32(lowerBound(keys, id + [1]))
                    runs.append(run)
                    position = max(position + 1, Int(run.upperBound))
                } else {
                    position += 1
                }
            }
        }
        return IntervalSet(runs: runs)
    }
}

/// Every id the sorted hierarchy keys name — each key and each of its ancestors (cut at `/`) —
/// reversed and sorted, so that the ids ending with a given suffix are one binary search away.
struct SuffixIndex: Sendable {
    /// Reversed ids, ascending, without repeats.
    private let reversed: [[UInt8]]
    /// Per entry: a key the id is (an ancestor of), and the id's length.
    private let key: [Int]
    private let length: [Int]

    /// - Complexity: O(A log A) for the A ids (keys and their ancestors).
    init(keys: [[UInt8]]) {
        var entries: [(reversed: [UInt8], key: Int, length: Int)] = []
        for (k, bytes) in keys.enumerated() {
            entries.append((bytes.reversed(), k, bytes.count))
            for (j, b) in bytes.enumerated() where b == 0 && j > 0 { entries.append((bytes[..<j].reversed(), k, j)) }
        }
        entries.sort { $0.reversed.lexicographicallyPrecedes($1.reversed) }
        var r: [[UInt8]] = [], k: [Int] = [], l: [Int] = []
        for e in entries where r.last != e.reversed {
            r.append(e.reversed)
            k.append(e.key)
            l.append(e.length)
        }
        (reversed, key, length) = (r, k, l)
    }

    /// The ids ending with `suffix`, each as (a key it is a prefix of, its length).
    /// - Complexity: O(log A + m) for m ids.
    func prefixes(endingWith suffix: [UInt8]) -> [(key: Int, length: Int)] {
        AccessGraph.prefixRange(suffix.reversed(), keys: reversed).map { (key[$0], length[$0]) }
    }
}
