import BlastCore

extension AWSMapper {
    /// What a technique yields.
    enum Yield {
        /// The identity itself (a role passed to a service, a user whose key is created).
        case identity(String)
        /// `<arn>#admin-equivalent`: the principal once its permissions are rewritten.
        case adminOf(String)
        /// `<group-arn>#new-member`: a user added to the group.
        case memberOf(String)
    }

    /// Emits the escalations of every catalogue technique whose permissions some loaded principal
    /// holds together (a cheap pre-check on allow statements; the engine then decides per session,
    /// with denies, boundaries and MFA). See docs/aws.md for the targets of each family.
    mutating func generateEscalations() {
        var index = HoldingIndex(self)
        var emitted: Set<String> = []
        let byID = Dictionary(uniqueKeysWithValues: AWSTechniques.all.map { ($0.id, $0) })
        func technique(_ id: String) -> AWSTechnique {
            guard let t = byID[id] else { preconditionFailure("technique \(id) is missing from AWSTechniques.all") }
            return t
        }
        func emit(_ id: String, _ requires: [(String, String)], yield: Yield, from: String? = nil, terms: Terms = .standing) {
            // Principals as indices into `principalOrder`, holder lists sorted: intersections are merges of integers.
            let among: [Int32]? =
                switch from {
                case nil: nil
                case let f? where f.hasPrefix("aws-account:"): index.members(ofAccount: String(f.dropFirst(12)))
                case let f?: index.position[f].map { [$0] } ?? []
                }
            if index.holders(of: requires, among: among)?.isEmpty == true { return }
            let key = "\(id)|\(requires.map { "\($0.0) \($0.1)" }.joined(separator: ","))|\(yield)|\(from ?? "")"
            guard emitted.insert(key).inserted else { return }
            let to: String =
                switch yield {
                case .identity(let i): i
                case .adminOf(let arn): adminEquivalent(of: arn)
                case .memberOf(let group): newMember(of: group)
                }
            for r in requires { declareResource(r.1) }
            model.escalations.append(
                Escalation(
                    technique: id, requires: requires.map { .init(action: $0.0, resource: $0.1) }, to: to, from: from, terms: terms))
        }
        func reqs(_ id: String, on resource: String) -> [(String, String)] { technique(id).actions.map { ($0, resource) } }

        // Joining another group (iam-013) is asked of every user and group of an account: the
        // groups' holder lists are intersected once, and a user is tried only on the groups whose
        // list holds it (exactly the pairs `emit` would not drop as held by nobody).
        let sortedGroups = groupIndex.keys.sorted()
        let groupAccounts = sortedGroups.map { Self.account(of: $0) }
        var joinHolders: [[Int32]?] = Array(repeating: nil, count: sortedGroups.count)
        func mayJoin(_ position: Int32, _ k: Int) -> Bool {
            let held: [Int32]
            if let known = joinHolders[k] {
                held = known
            } else {
                held = index.holders(of: reqs("iam-013", on: Self.principalResource(sortedGroups[k])), among: nil) ?? []
                joinHolders[k] = held
            }
            return HoldingIndex.contains(held, position)
        }

        // Self-escalation: a principal rewriting its own permissions.
        for arn in principalOrder {
            guard let p = principals[arn] else { continue }
            let me = Self.principalResource(arn)
            if p.isUser {
                emit("iam-007", reqs("iam-007", on: me), yield: .adminOf(arn), from: arn)
                emit("iam-008", reqs("iam-008", on: me), yield: .adminOf(arn), from: arn)
                for g in p.groups {
                    emit("iam-010", reqs("iam-010", on: Self.principalResource(g)), yield: .adminOf(arn), from: arn)
                    emit("iam-011", reqs("iam-011", on: Self.principalResource(g)), yield: .adminOf(arn), from: arn)
                }
                if let position = index.position[arn] {
                    for (k, g) in sortedGroups.enumerated()
                    where groupAccounts[k] == p.account && !p.groups.contains(g) && mayJoin(position, k) {
                        emit("iam-013", reqs("iam-013", on: Self.principalResource(g)), yield: .memberOf(g), from: arn)
                    }
                }
            } else {
                emit("iam-005", reqs("iam-005", on: me), yield: .adminOf(arn), from: arn)
                emit("iam-009", reqs("iam-009", on: me), yield: .adminOf(arn), from: arn)
            }
            for m in p.managedPolicies {
                emit("iam-001", reqs("iam-001", on: m), yield: .adminOf(arn), from: arn)
            }
        }

        // Principal access: becoming another user or role.
        for arn in principalOrder {
            guard let p = principals[arn] else { continue }
            let target = Self.principalResource(arn)
            if p.isUser {
                if (p.keyCount ?? 0) < 2 {
                    emit("iam-002", reqs("iam-002", on: target), yield: .identity(arn))
                    emit("iam-015", reqs("iam-015", on: target), yield: .adminOf(arn))
                    emit("iam-018", reqs("iam-018", on: target), yield: .adminOf(arn))
                } else {
                    emit("iam-003", reqs("iam-003", on: target), yield: .identity(arn))
                }
                if p.mfa != true {
                    if p.hasPassword != true { emit("iam-004", reqs("iam-004", on: target), yield: .identity(arn)) }
                    if p.hasPassword != false { emit("iam-006", reqs("iam-006", on: target), yield: .identity(arn)) }
                }
            } else {
                emit("iam-012", reqs("iam-012", on: target), yield: .identity(arn))
                emit("iam-019", reqs("iam-019", on: target), yield: .adminOf(arn))
                emit("iam-021", reqs("iam-021", on: target), yield: .adminOf(arn))
                for m in p.managedPolicies {
                    emit("iam-020", [("iam:createpolicyversion", m), ("iam:updateassumerolepolicy", target)], yield: .adminOf(arn))
                }
                for (holder, terms) in trusters[arn] ?? [] {
                    emit("iam-014", reqs("iam-014", on: target), yield: .adminOf(arn), from: holder, terms: terms)
                    emit("iam-017", reqs("iam-017", on: target), yield: .adminOf(arn), from: holder, terms: terms)
                    for m in p.managedPolicies {
                        emit(
                            "iam-016", [("iam:createpolicyversion", m), ("sts:assumerole", target)], yield: .adminOf(arn),
                            from: holder, terms: terms)
                    }
                }
            }
        }

        // New PassRole: pass a role that trusts the service to something new that runs code.
        let candidates = newResourceCandidates()
        for t in AWSTechniques.all where t.family == .newPassRole && t.passesRole {
            for role in roles(trusting: t.target) {
                if t.target == "ec2.amazonaws.com", (principals[role]?.instanceProfiles ?? 0) == 0 { continue }
                var combos: [[(String, String)]] = [[("iam:passrole", Self.principalResource(role))]]
                for a in t.actions where a != "iam:passrole" {
                    combos = combos.flatMap { c in (candidates[a] ?? []).map { c + [(a, $0)] } }
                }
                if combos.count > 64 {
                    note(
                        input.details.first?.file ?? "", nil,
                        "\(t.id) for \(role): \(combos.count) resource combinations, only the first 64 are modelled")
                    combos = Array(combos.prefix(64))
                }
                for c in combos { emit(t.id, c, yield: .identity(role)) }
            }
        }

        // Existing PassRole: code or sessions on something that already runs as a role.
        let existing = AWSTechniques.all.filter(\.needsRunningResource)
        if input.inventories.isEmpty {
            if principalOrder.contains(where: { principals[$0]?.isUser == false }) {
                note(
                    input.details.first?.file ?? "", nil,
                    "no resource inventory: techniques on resources that already run as a role were not evaluated (\(existing.map(\.id).joined(separator: ", ")))"
                )
            }
        } else {
            for (resource, role) in running {
                for t in existing where Self.runs(resource, as: t.target) {
                    emit(t.id, reqs(t.id, on: resource), yield: .identity(role))
                }
            }
        }
    }

    /// Whether an ARN is of the `service:resource-type` a technique works on
    /// (`arn:aws:lambda:…:function:x` is `lambda:function`).
    static func runs(_ arn: String, as target: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return false }
        let wanted = target.split(separator: ":", maxSplits: 1)
        guard wanted.count == 2, parts[2] == wanted[0] else { return false }
        return parts[5].hasPrefix(wanted[1] + "/") || parts[5].hasPrefix(wanted[1] + ":")
    }

    /// For each action a new resource is created or used with, the resource ids to check it on:
    /// the resource patterns of the allow statements that allow it, taken as literal ids
    /// (a pattern, read as an id, is matched by itself and by every broader pattern), and
    /// `arn:aws:<service>:*` for statements on `*` or with `NotResource`.
    func newResourceCandidates() -> [String: [String]] {
        var wanted: Set<String> = []
        for t in AWSTechniques.all where t.family == .newPassRole { wanted.formUnion(t.actions.filter { $0 != "iam:passrole" }) }
        var out: [String: [String]] = [:]
        let synthetic = Set(adminRoles.values)
        for role in model.roles where !synthetic.contains(role.id) {
            for s in role.allow {
                let compiled = AWSPolicy.CompiledAllow(s)
                for a in wanted where compiled.allows(action: a) {
                    let service = a.split(separator: ":").first.map(String.init) ?? a
                    var ids: [String] = []
                    if !s.exceptResources.isEmpty || s.resources.contains("*") {
                        ids.append("arn:aws:\(service):*")
                    }
                    for r in s.resources where r != "*" && (r.contains(":\(service):") || r.hasPrefix("arn:aws:*") || r.hasPrefix("arn:*"))
                    {
                        ids.append(r)
                    }
                    for id in ids where !(out[a] ?? []).contains(id) { out[a, default: []].append(id) }
                }
            }
        }
        return out
    }

    /// Which loaded principals hold an allow statement applying to a concrete action on a
    /// resource (conditions, denies and boundaries aside): the pre-check before emitting an
    /// escalation. Principals are their index in `principalOrder`; distinct statements are compiled
    /// once; statements whose resource patterns are all literal are found by dictionary lookup of
    /// the resource and its ancestors, the others are narrowed once per action to those allowing it.
    struct HoldingIndex {
        var statements: [AWSPolicy.CompiledAllow] = []
        /// Per statement, its holders, sorted and distinct.
        var holders: [[Int32]] = []
        var literal: [String: [Int]] = [:]
        var wildcard: [Int] = []
        /// Action → the wildcard statements allowing it.
        var wildcardByAction: [String: [Int]] = [:]
        var accounts: [String: [Int32]] = [:]
        /// Principal ARN → its index.
        var position: [String: Int32] = [:]
        var cache: [String: [Int32]] = [:]

        init(_ mapper: AWSMapper) {
            var roleAllows: [String: [Statement]] = [:]
            for r in mapper.model.roles { roleAllows[r.id] = r.allow }
            var byHolder: [String: [Statement]] = [:]
            for g in mapper.model.grants { byHolder[g.to, default: []] += roleAllows[g.role] ?? [] }
            var statementIndex: [String: Int] = [:]
            var n: Int32 = 0
            for arn in mapper.principalOrder {
                guard let p = mapper.principals[arn] else { continue }
                let me = n
                n += 1
                position[arn] = me
                accounts[p.account, default: []].append(me)
                for s in (byHolder[arn] ?? []) + p.groups.flatMap({ byHolder[$0] ?? [] }) {
                    let key = [s.actions, s.exceptActions, s.resources, s.exceptResources].map { $0.joined(separator: "\u{1}") }.joined(
                        separator: "\u{2}")
                    if let k = statementIndex[key] {
                        if holders[k].last != me { holders[k].append(me) }
                        continue
                    }
                    let k = statements.count
                    statementIndex[key] = k
                    statements.append(AWSPolicy.CompiledAllow(s))
                    holders.append([me])
                    if s.exceptResources.isEmpty, s.resources.allSatisfy({ !$0.contains("*") && !$0.contains("?") }) {
                        for r in Set(s.resources) { literal[r, default: []].append(k) }
                    } else {
                        wildcard.append(k)
                    }
                }
            }
        }

        func members(ofAccount account: String) -> [Int32] { accounts[account] ?? [] }

        /// The principals holding `action` on `resource`, sorted.
        /// - Complexity: O(w + a) for w wildcard statements allowing `action` and a ancestors of
        ///   `resource`, plus sorting the holders; cached.
        mutating func holders(of action: String, on resource: String) -> [Int32] {
            let key = action + "\u{1}" + resource
            if let c = cache[key] { return c }
            let byAction: [Int]
            if let w = wildcardByAction[action] {
                byAction = w
            } else {
                byAction = wildcard.filter { statements[$0].allows(action: action) }
                wildcardByAction[action] = byAction
            }
            var found: [Int] = byAction.filter { statements[$0].covers(resource: resource) }
            var id = Substring(resource)
            while true {
                for k in literal[String(id)] ?? [] where statements[k].applies(action: action, resource: resource) { found.append(k) }
                guard let slash = id.lastIndex(of: "/") else { break }
                id = id[..<slash]
            }
            var out: [Int32]
            if found.count == 1 {
                out = holders[found[0]]
            } else {
                out = found.flatMap { holders[$0] }
                out.sort()
                out = out.enumerated().compactMap { k, v in k > 0 && out[k - 1] == v ? nil : v }
            }
            cache[key] = out
            return out
        }

        /// The principals holding every one of `requires`, within `among` when given (sorted
        /// positions); nil only when there is neither a requirement nor an `among`. Stops at the
        /// first empty intersection.
        mutating func holders(of requires: [(String, String)], among: [Int32]?) -> [Int32]? {
            var out = among
            for r in requires {
                let h = holders(of: r.0, on: r.1)
                out = out.map { HoldingIndex.intersection($0, h) } ?? h
                if out?.isEmpty == true { return out }
            }
            return out
        }

        /// Whether the sorted list holds `x`.
        /// - Complexity: O(log n).
        static func contains(_ sorted: [Int32], _ x: Int32) -> Bool {
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return lo < sorted.count && sorted[lo] == x
        }

        /// The common elements of two sorted lists.
        /// - Complexity: O(a + b).
        static func intersection(_ a: [Int32], _ b: [Int32]) -> [Int32] {
            var out: [Int32] = []
            var i = 0, j = 0
            while i < a.count, j < b.count {
                if a[i] < b[j] { i += 1 } else if a[i] > b[j] { j += 1 } else { out.append(a[i]); i += 1; j += 1 }
            }
            return out
        }
    }

    /// `<group-arn>#new-member`: a user that has added itself to the group (`iam-013`).
    mutating func newMember(of group: String) -> String {
        let id = group + "#new-member"
        if identityIDs.contains(id) { return id }
        declareIdentity(id, kind: .human, origin: nil)
        if let gi = groupIndex[group] { model.groups[gi].members.append(id) }
        return id
    }
}
