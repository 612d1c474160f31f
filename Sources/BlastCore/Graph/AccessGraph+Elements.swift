/// Reading the compiled graph by typed id: the elements, their compiled statements, grants and
/// assumes, and the questions about them that answers and audits share. The tables behind them
/// stay inside the package.
extension AccessGraph {
    // MARK: Ids

    /// Every identity, in model order.
    /// - Complexity: O(1).
    public var identityIDs: ElementIDs<IdentityTag> { ElementIDs(count: identities.count) }

    /// Every credential, in model order.
    /// - Complexity: O(1).
    public var credentialIDs: ElementIDs<CredentialTag> { ElementIDs(count: credentials.count) }

    /// Every resource (declared or implied by an identity), in hierarchy order.
    /// - Complexity: O(1).
    public var resourceIDs: ElementIDs<ResourceTag> { ElementIDs(count: resources.count) }

    /// Every grant, in model order.
    /// - Complexity: O(1).
    public var grantIDs: ElementIDs<GrantTag> { ElementIDs(count: grants.count) }

    /// Every assume, in model order.
    /// - Complexity: O(1).
    public var assumeIDs: ElementIDs<AssumeTag> { ElementIDs(count: assumes.count) }

    // MARK: Elements

    /// The identity `id` names.
    /// - Complexity: O(1).
    public func identity(_ id: IdentityID) -> Identity { identities[id.index] }

    /// The credential `id` names.
    /// - Complexity: O(1).
    public func credential(_ id: CredentialID) -> Credential { credentials[id.index] }

    /// The group `id` names.
    /// - Complexity: O(1).
    public func group(_ id: GroupID) -> Group { groups[id.index] }

    /// The role `id` names.
    /// - Complexity: O(1).
    public func role(_ id: RoleID) -> Role { roles[id.index] }

    /// The resource at position `id`.
    /// - Complexity: O(1).
    public func resource(_ id: ResourceID) -> Resource { resources[id.index] }

    /// A compiled allow or deny statement.
    /// - Complexity: O(1).
    public func statement(_ id: StatementID) -> CompiledStatement { statements[id.index] }

    /// A compiled grant: holder, role, scope and terms.
    /// - Complexity: O(1).
    public func grant(_ id: GrantID) -> CompiledGrant { grants[id.index] }

    /// A compiled assume: from, to and terms.
    /// - Complexity: O(1).
    public func assume(_ id: AssumeID) -> CompiledAssume { assumes[id.index] }

    /// A credential copy held in a resource (what a pivot move reveals).
    /// - Complexity: O(1).
    public func copy(_ id: CopyID) -> CredentialCopy { copies[id.index] }

    /// An identity resource (what a takeover move takes over).
    /// - Complexity: O(1).
    public func takeoverTarget(_ id: TakeoverTargetID) -> TakeoverTarget { takeoverTargets[id.index] }

    /// An escalation with its requirements resolved (what an escalate move uses).
    /// - Complexity: O(1).
    public func escalation(_ id: EscalationID) -> CompiledEscalation { escalations[id.index] }

    /// The name of a holder (an identity or a group).
    /// - Complexity: O(1).
    public func name(of holder: HolderID) -> String { name(of: element(of: holder)) }

    // MARK: Statements and coverage

    /// The allow statements of a role, in declaration order.
    /// - Complexity: O(1).
    public func allowStatements(of role: RoleID) -> StatementRange { roleAllows[role.index] }

    /// The deny statements of a role, in declaration order.
    /// - Complexity: O(1).
    public func denyStatements(of role: RoleID) -> StatementRange { roleDenies[role.index] }

    /// The allow statements of a grant's role.
    /// - Complexity: O(1).
    public func allowStatements(of grant: GrantID) -> StatementRange { roleAllows[grants[grant.index].role.index] }

    /// The positions a statement covers under a grant's scope (the statement's coverage clamped to
    /// the scope; all of it for an unscoped grant).
    /// - Complexity: O(1) unscoped; O(log n + k) for n runs, k of them inside the scope.
    public func coverage(of statement: StatementID, under grant: GrantID) -> IntervalSet {
        let cov = statements[statement.index].coverage
        guard let scope = grants[grant.index].scope else { return cov }
        return cov.clamped(to: scope)
    }

    // MARK: Holders and resources

    /// The identity itself, or every identity inside a group (transitively), sorted by id.
    /// - Complexity: O(g + m + i log i) over the groups and memberships below the holder and the
    ///   i identities found.
    public func memberIdentities(of holder: HolderID) -> [IdentityID] {
        var seen: Set<HolderID> = [holder]
        var queue = [holder]
        var head = 0
        var out: [IdentityID] = []
        while head < queue.count {
            let h = queue[head]
            head += 1
            if h.index < identityCount { out.append(IdentityID(h.rawValue)); continue }
            for m in members[h.index] where seen.insert(m).inserted { queue.append(m) }
        }
        return out.sorted { identities[$0.index].id < identities[$1.index].id }
    }

    /// The most critical resource of a set of positions (the first in hierarchy order among
    /// equals), nil for an empty set.
    /// - Complexity: O(k) for the k positions up to the first critical one.
    public func mostCritical(in set: IntervalSet) -> ResourceID? {
        var best: ResourceID?
        for run in set.runs {
            for p in run {
                let r = ResourceID(p)
                if best == nil || resources[r.index].criticality > resources[best!.index].criticality { best = r }
                if resources[r.index].criticality == .critical { return best }
            }
        }
        return best
    }

    /// The resources of a set of positions that satisfy `include`, in hierarchy order.
    /// - Complexity: O(k) for the k positions in the set.
    public func resources(in set: IntervalSet, where include: (Resource) -> Bool) -> [ResourceID] {
        var out: [ResourceID] = []
        for run in set.runs { for p in run where include(resources[Int(p)]) { out.append(ResourceID(p)) } }
        return out
    }

    /// The positions of every resource a start reaches with standing access: a radius without
    /// paths, access entries or the approvals search.
    /// - Complexity: one search, O(S · v + M), plus the sessions' access segments.
    public func reachedPositions(from start: Start, options: QueryOptions) -> IntervalSet {
        let search = Exploration(graph: self, start: start, options: options)
        var runs: [Range<UInt32>] = []
        var memo = AccessMemo()
        for v in search.sessions { for segment in access(v, memo: &memo).segments { runs.append(segment.positions) } }
        return IntervalSet(runs: runs)
    }
}

/// The ids `0..<count` of one element kind, as a collection (`graph.identityIDs`).
public struct ElementIDs<Tag>: RandomAccessCollection, Sendable {
    public let count: Int

    @inlinable public init(count: Int) { self.count = count }
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }
    @inlinable public subscript(position: Int) -> ElementID<Tag> { ElementID<Tag>(position) }
}
