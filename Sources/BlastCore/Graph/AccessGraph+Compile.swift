/// Compiling a validated model into an `AccessGraph`, in named steps: lay out resources, intern
/// ids, then compile memberships, statements, grants, assumes, credentials, escalations and
/// identity resources.
extension AccessGraph {
    /// Compiles a validated model.
    /// - Complexity: O(E + R log R + P · R_p) where P is the number of distinct wildcard resource
    ///   patterns and R_p the resources sharing each one's literal prefix.
    public static func compile(_ model: Model) throws(ModelError) -> AccessGraph {
        let kinds = try model.validatedIndex()
        return AccessGraph(validated: model, kinds: kinds)
    }

    /// Compiles a model validated earlier (no second validation).
    public static func compile(_ validated: ValidatedModel) -> AccessGraph {
        AccessGraph(validated: validated.model, kinds: validated.kinds)
    }

    private init(validated model: Model, kinds: [String: (Model.ElementKind, Int32)]) {
        let layout = ResourceLayout(model, kinds: kinds)
        let ids = Interner(model, kinds: kinds, layout: layout)
        let membership = Membership(model, ids)
        let statements = Statements(model, keys: layout.keys)
        let grants = Grants(model, ids, keys: layout.keys)
        let assumes = Assumes(model, ids)
        let credentials = Credentials(model, ids)
        let escalations = Escalations(model, ids)
        let targets = IdentityResources(model, ids)

        self.model = model
        identities = model.identities
        self.credentials = model.credentials
        groups = model.groups
        roles = model.roles
        resources = layout.resources
        hierarchyKeys = layout.keys
        index = ids.index
        members = membership.members
        memberOf = membership.memberOf
        self.statements = statements.statements
        roleHasPowers = statements.roleHasPowers
        roleAllows = statements.roleAllows
        roleDenies = statements.roleDenies
        self.grants = grants.grants
        grantsOf = grants.grantsOf
        grantsOfRole = grants.grantsOfRole
        self.assumes = assumes.assumes
        assumesOf = assumes.assumesOf
        copies = credentials.copies
        credentialOwner = credentials.owner
        copyPositions = credentials.copyPositions
        credentialsOf = credentials.credentialsOf
        self.escalations = escalations.escalations
        escalationIndex = EscalationIndex(statements: statements.statements, escalations: escalations.escalations)
        takeoverTargets = targets.targets
        takeoverPositions = targets.positions
        identityResource = targets.identityResource
        statePool = StatePool(stateCount: ids.identityCount * 2 + model.credentials.count + grants.grants.count)
    }

    /// Resources: declared ones plus identity resources not declared, in hierarchy order.
    private struct ResourceLayout {
        /// Declared resources, then the implied ones, in model order.
        let declared: [Resource]
        /// In hierarchy order.
        let resources: [Resource]
        let keys: [[UInt8]]
        /// Index into `declared` → position in `resources`.
        let position: [Int32]

        init(_ model: Model, kinds: [String: (Model.ElementKind, Int32)]) {
            var declared = model.resources
            var implied: Set<String> = []
            for i in model.identities {
                if let r = i.resource, kinds[r] == nil, implied.insert(r).inserted {
                    declared.append(Resource(id: r, criticality: .low, origin: i.origin))
                }
            }
            let order = declared.indices.map { (AccessGraph.hierarchyKey(declared[$0].id), $0) }
                .sorted { $0.0.lexicographicallyPrecedes($1.0) }
            resources = order.map { declared[$0.1] }
            keys = order.map(\.0)
            var position = [Int32](repeating: 0, count: declared.count)
            for (p, (_, k)) in order.enumerated() { position[k] = Int32(p) }
            self.declared = declared
            self.position = position
        }
    }

    /// The id table, and the lookups compiling needs (validation guarantees every id resolves).
    private struct Interner {
        let index: [String: Element]
        let identityCount: Int
        let holderCount: Int

        init(_ model: Model, kinds: [String: (Model.ElementKind, Int32)], layout: ResourceLayout) {
            let position = layout.position
            // The validator's id table, re-valued in place (no id is hashed again), plus implied resources.
            var index: [String: Element] = kinds.mapValues { kind, k in
                switch kind {
                case .identity: .identity(IdentityID(UInt32(k)))
                case .credential: .credential(CredentialID(UInt32(k)))
                case .group: .group(GroupID(UInt32(k)))
                case .role: .role(RoleID(UInt32(k)))
                case .resource: .resource(ResourceID(UInt32(position[Int(k)])))
                }
            }
            for k in model.resources.count..<layout.declared.count {
                index[layout.declared[k].id] = .resource(ResourceID(UInt32(position[k])))
            }
            self.index = index
            identityCount = model.identities.count
            holderCount = identityCount + model.groups.count
        }

        func holder(_ id: String) -> HolderID {
            switch index[id] {
            case .identity(let i): HolderID(i.rawValue)
            case .group(let g): HolderID(UInt32(identityCount) + g.rawValue)
            default: preconditionFailure("validated model has holder '\(id)' that is neither identity nor group")
            }
        }

        func resourceID(_ id: String) -> ResourceID {
            guard case .resource(let r) = index[id] else { preconditionFailure("validated model lacks resource '\(id)'") }
            return r
        }

        func identityID(_ id: String) -> IdentityID {
            guard case .identity(let i) = index[id] else { preconditionFailure("validated model lacks identity '\(id)'") }
            return i
        }
    }

    /// Group memberships in both directions, each pair once.
    private struct Membership {
        let members: Adjacency<HolderID>
        let memberOf: Adjacency<HolderID>

        init(_ model: Model, _ ids: Interner) {
            var memberPairs: [(Int, HolderID)] = []
            var memberOfPairs: [(Int, HolderID)] = []
            for (g, group) in model.groups.enumerated() {
                let gh = HolderID(ids.identityCount + g)
                var seenMembers = Set<String>()
                for m in group.members where seenMembers.insert(m).inserted {
                    let mh = ids.holder(m)
                    memberPairs.append((gh.index, mh))
                    memberOfPairs.append((mh.index, gh))
                }
            }
            members = Adjacency(sourceCount: ids.holderCount, pairs: memberPairs)
            memberOf = Adjacency(sourceCount: ids.holderCount, pairs: memberOfPairs)
        }
    }

    /// Statements, with coverage computed once per distinct resource pattern; per role its allows
    /// then its denies.
    private struct Statements {
        let statements: [CompiledStatement]
        let roleAllows: [StatementRange]
        let roleDenies: [StatementRange]
        let roleHasPowers: [Bool]

        init(_ model: Model, keys: [[UInt8]]) {
            var coverageCache: [String: IntervalSet] = [:]
            var suffixIndex: SuffixIndex?
            func suffixes() -> SuffixIndex {
                if let suffixIndex { return suffixIndex }
                let index = SuffixIndex(keys: keys)
                suffixIndex = index
                return index
            }
            func coverage(_ pattern: String) -> IntervalSet {
                if let c = coverageCache[pattern] { return c }
                let c = AccessGraph.coverage(of: Pattern(pattern), keys: keys, suffixes: suffixes)
                coverageCache[pattern] = c
                return c
            }
            let reveal = model.revealActions
            let takeover = model.takeoverActions
            func mask(_ actions: [Pattern], except: [Pattern], _ concrete: [String]) -> UInt64 {
                var m: UInt64 = 0
                for (k, a) in concrete.enumerated()
                where actions.contains(where: { $0.matches(a) }) && !except.contains(where: { $0.matches(a) }) {
                    m |= 1 << UInt64(k)
                }
                return m
            }
            var statements: [CompiledStatement] = []
            var roleAllows: [StatementRange] = []
            var roleDenies: [StatementRange] = []
            for (r, role) in model.roles.enumerated() {
                for (isDeny, list) in [(false, role.allow), (true, role.deny)] {
                    let start = statements.count
                    for s in list {
                        let actions = s.actions.map(Pattern.init)
                        let except = s.exceptActions.map(Pattern.init)
                        var cov = IntervalSet(runs: s.resources.flatMap { coverage($0).runs })
                        if !s.exceptResources.isEmpty {
                            cov = cov.subtracting(IntervalSet(runs: s.exceptResources.flatMap { coverage($0).runs }))
                        }
                        statements.append(
                            CompiledStatement(
                                role: RoleID(r), isDeny: isDeny, actions: actions, exceptActions: except, resourcePatterns: s.resources,
                                coverage: cov, revealMask: mask(actions, except: except, reveal),
                                takeoverMask: mask(actions, except: except, takeover),
                                origin: s.origin ?? role.origin))
                    }
                    if isDeny {
                        roleDenies.append(StatementRange(start..<statements.count))
                    } else {
                        roleAllows.append(StatementRange(start..<statements.count))
                    }
                }
            }
            self.statements = statements
            roleHasPowers = roleAllows.map { r in r.contains { statements[$0.index].revealMask | statements[$0.index].takeoverMask != 0 } }
            self.roleAllows = roleAllows
            self.roleDenies = roleDenies
        }
    }

    /// Grants with resolved holders, roles and scopes, by holder and by role.
    private struct Grants {
        let grants: [CompiledGrant]
        let grantsOf: Adjacency<GrantID>
        let grantsOfRole: Adjacency<GrantID>

        init(_ model: Model, _ ids: Interner, keys: [[UInt8]]) {
            var grants: [CompiledGrant] = []
            var grantPairs: [(Int, GrantID)] = []
            var grantsOfRolePairs: [(Int, GrantID)] = []
            for (k, g) in model.grants.enumerated() {
                guard case .role(let role) = ids.index[g.role] else { preconditionFailure("validated grant lacks role '\(g.role)'") }
                let h = ids.holder(g.to)
                let scope = g.scope.map { AccessGraph.subtreeRange(of: $0, keys: keys) }
                grants.append(CompiledGrant(holder: h, role: role, scope: scope, terms: g.terms, model: g))
                grantPairs.append((h.index, GrantID(k)))
                grantsOfRolePairs.append((role.index, GrantID(k)))
            }
            self.grants = grants
            grantsOf = Adjacency(sourceCount: ids.holderCount, pairs: grantPairs)
            grantsOfRole = Adjacency(sourceCount: model.roles.count, pairs: grantsOfRolePairs)
        }
    }

    /// Assumes with resolved ends, by source holder.
    private struct Assumes {
        let assumes: [CompiledAssume]
        let assumesOf: Adjacency<AssumeID>

        init(_ model: Model, _ ids: Interner) {
            var assumes: [CompiledAssume] = []
            var assumePairs: [(Int, AssumeID)] = []
            for (k, a) in model.assumes.enumerated() {
                let from = ids.holder(a.from)
                assumes.append(CompiledAssume(from: from, to: ids.identityID(a.to), terms: a.terms, model: a))
                assumePairs.append((from.index, AssumeID(k)))
            }
            self.assumes = assumes
            assumesOf = Adjacency(sourceCount: ids.holderCount, pairs: assumePairs)
        }
    }

    /// Credential owners, and the credential copies sorted by resource position.
    private struct Credentials {
        let copies: [CredentialCopy]
        let copyPositions: [UInt32]
        let owner: [IdentityID]
        let credentialsOf: Adjacency<CredentialID>

        init(_ model: Model, _ ids: Interner) {
            var copies: [CredentialCopy] = []
            var credPairs: [(Int, CredentialID)] = []
            var credentialOwner: [IdentityID] = []
            credentialOwner.reserveCapacity(model.credentials.count)
            for (k, c) in model.credentials.enumerated() {
                for r in Set(c.storedIn).sorted() {
                    copies.append(CredentialCopy(resource: ids.resourceID(r), credential: CredentialID(k)))
                }
                let owner = ids.identityID(c.of)
                credentialOwner.append(owner)
                credPairs.append((owner.index, CredentialID(k)))
            }
            copies.sort { ($0.resource, $0.credential) < ($1.resource, $1.credential) }
            self.copies = copies
            owner = credentialOwner
            copyPositions = copies.map(\.resource.rawValue)
            credentialsOf = Adjacency(sourceCount: ids.identityCount, pairs: credPairs)
        }
    }

    /// Escalations with resolved requirements (indexed by statement in `EscalationIndex`).
    private struct Escalations {
        let escalations: [CompiledEscalation]

        init(_ model: Model, _ ids: Interner) {
            escalations = model.escalations.map { e in
                CompiledEscalation(
                    requires: e.requires.map { ($0.action, ids.resourceID($0.resource)) }, to: ids.identityID(e.to),
                    from: e.from.map(ids.holder), model: e)
            }
        }
    }

    /// Each identity's resource, and the takeover targets sorted by resource position.
    private struct IdentityResources {
        let identityResource: [ResourceID?]
        let targets: [TakeoverTarget]
        let positions: [UInt32]

        init(_ model: Model, _ ids: Interner) {
            var targets: [TakeoverTarget] = []
            var identityResource: [ResourceID?] = []
            for (k, i) in model.identities.enumerated() {
                let r = i.resource.map(ids.resourceID)
                identityResource.append(r)
                if let r { targets.append(TakeoverTarget(resource: r, identity: IdentityID(k))) }
            }
            targets.sort { ($0.resource, $0.identity) < ($1.resource, $1.identity) }
            self.targets = targets
            positions = targets.map(\.resource.rawValue)
            self.identityResource = identityResource
        }
    }
}
