/// Which sources' radii can differ between two versions: those that can reach, in either version's
/// explanation graph (`AccessGraph.edgeList()`), an element the change touched.
///
/// A search moves only along edges of the explanation graph (which follows every edge, whatever
/// the time, MFA, approvals or denies), and what it finds at an element depends only on that
/// element's own fields and out-edges. So a source that reaches no touched element in either
/// version sees the same elements with the same fields in both, and its radius is the same: only
/// the others need a radius. An element is touched when its declaration differs (origins aside),
/// or when something that gives it an out-edge does:
/// - a holder (identity or group): its grants, the roles of its grants, its assumes, the groups
///   it joins or leaves;
/// - a resource: its criticality, the credentials stored in it, the identities living in it,
///   the escalations requiring it;
/// - an identity or holder an escalation leads to or starts from, when the escalation changed;
/// - any element added or removed.
/// A change of `takeover_actions` or `reveal_actions` touches everything.
struct DiffCandidates {
    /// Touched ids by kind; the same id may be an identity in one version and a resource in the other.
    private var holders: Set<String> = []
    private var credentials: Set<String> = []
    private var resources: Set<String> = []

    /// The credential and identity ids that need a radius, or nil when every source does.
    /// - Complexity: O(n) in the size of the two models and of their explanation graphs.
    static func sources(before: AccessGraph, after: AccessGraph) -> Set<String>? {
        let (b, a) = (before.model, after.model)
        guard b.takeoverActions == a.takeoverActions, b.revealActions == a.revealActions else { return nil }
        var touched = DiffCandidates()
        touched.compare(b, a)
        return touched.reaching(in: before).union(touched.reaching(in: after))
    }

    private mutating func compare(_ b: Model, _ a: Model) {
        // Identities: an identity living in a resource is the target of a takeover edge out of it.
        for (id, (x, y)) in Self.pairs(b.identities, a.identities, \.id, { $0.origin = nil }) where x != y {
            holders.insert(id)
            for r in [x?.resource, y?.resource] { if let r { resources.insert(r) } }
        }
        for (id, (x, y)) in Self.pairs(b.credentials, a.credentials, \.id, { $0.origin = nil }) where x != y {
            credentials.insert(id)
            resources.formUnion((x?.storedIn ?? []) + (y?.storedIn ?? []))
        }
        // Groups: joining or leaving changes the member's out-edges; the group's own are its grants.
        for (id, (x, y)) in Self.pairs(b.groups, a.groups, \.id, { $0.origin = nil }) where x != y {
            if x == nil || y == nil { holders.insert(id) }
            holders.formUnion(Set(x?.members ?? []).symmetricDifference(y?.members ?? []))
        }
        let changedRoles = Set(
            Self.pairs(b.roles, a.roles, \.id) { r in
                r.origin = nil
                for k in r.allow.indices { r.allow[k].origin = nil }
                for k in r.deny.indices { r.deny[k].origin = nil }
            }.filter { $0.value.0 != $0.value.1 }.keys)
        func grantKey(_ g: Grant) -> GrantKey { GrantKey(to: g.to, role: g.role, scope: g.scope, terms: g.terms) }
        let (bGrants, aGrants) = (Set(b.grants.map(grantKey)), Set(a.grants.map(grantKey)))
        for g in bGrants.symmetricDifference(aGrants) { holders.insert(g.to) }
        for g in b.grants + a.grants where changedRoles.contains(g.role) { holders.insert(g.to) }
        func assumeKey(_ x: Assume) -> AssumeKey { AssumeKey(from: x.from, to: x.to, terms: x.terms) }
        for x in Set(b.assumes.map(assumeKey)).symmetricDifference(a.assumes.map(assumeKey)) { holders.insert(x.from) }
        func escalationKey(_ e: Escalation) -> EscalationKey {
            EscalationKey(technique: e.technique, requires: e.requires, to: e.to, from: e.from, terms: e.terms)
        }
        for e in Set(b.escalations.map(escalationKey)).symmetricDifference(a.escalations.map(escalationKey)) {
            holders.insert(e.to)
            if let from = e.from { holders.insert(from) }
            resources.formUnion(e.requires.map(\.resource))
        }
        for (id, (x, y)) in Self.pairs(b.resources, a.resources, \.id, { $0.origin = nil }) where x != y { resources.insert(id) }
    }

    /// The credentials and identities of `graph` from which some touched element is reachable.
    /// - Complexity: O(V + E) in the explanation graph.
    private func reaching(in graph: AccessGraph) -> Set<String> {
        let edges = graph.edgeList()
        let i0 = graph.credentials.count, g0 = i0 + graph.identities.count
        let r0 = g0 + graph.groups.count + graph.grants.count
        var reached = [Bool](repeating: false, count: edges.nodeCount)
        var queue: [Int] = []
        func mark(_ node: Int) {
            guard !reached[node] else { return }
            reached[node] = true
            queue.append(node)
        }
        for (k, c) in graph.credentials.enumerated() where credentials.contains(c.id) { mark(k) }
        for (k, i) in graph.identities.enumerated() where holders.contains(i.id) { mark(i0 + k) }
        for (k, g) in graph.groups.enumerated() where holders.contains(g.id) { mark(g0 + k) }
        for (k, r) in graph.resources.enumerated() where resources.contains(r.id) { mark(r0 + k) }
        // Reverse breadth-first search: the sources of the edges into what is reached.
        var start = [Int](repeating: 0, count: edges.nodeCount + 1)
        for (_, to) in edges.edges { start[Int(to) + 1] += 1 }
        for k in 0..<edges.nodeCount { start[k + 1] += start[k] }
        var fill = start, from = [UInt32](repeating: 0, count: edges.edges.count)
        for (f, to) in edges.edges {
            from[fill[Int(to)]] = f
            fill[Int(to)] += 1
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for k in start[node]..<start[node + 1] { mark(Int(from[k])) }
        }
        var sources = Set<String>()
        for (k, c) in graph.credentials.enumerated() where reached[k] { sources.insert(c.id) }
        for (k, i) in graph.identities.enumerated() where reached[i0 + k] { sources.insert(i.id) }
        return sources
    }

    /// Each id whose element differs between the lists (origins cleared by `strip`), with its
    /// element in each, nil where absent. Lists in the same order (the usual case) are compared
    /// element by element while their ids agree; only the rest is keyed by id.
    private static func pairs<T: Equatable>(_ b: [T], _ a: [T], _ id: (T) -> String, _ strip: (inout T) -> Void) -> [String: (T?, T?)] {
        var out: [String: (T?, T?)] = [:]
        var k = 0
        while k < min(b.count, a.count) {
            var (x, y) = (b[k], a[k])
            guard id(x) == id(y) else { break }
            strip(&x)
            strip(&y)
            if x != y { out[id(x)] = (x, y) }
            k += 1
        }
        for var x in b[k...] {
            strip(&x)
            out[id(x), default: (nil, nil)].0 = x
        }
        for var y in a[k...] {
            strip(&y)
            out[id(y), default: (nil, nil)].1 = y
        }
        return out
    }

    private struct GrantKey: Hashable {
        let to: String, role: String, scope: String?, terms: Terms
    }

    private struct AssumeKey: Hashable {
        let from: String, to: String, terms: Terms
    }

    private struct EscalationKey: Hashable {
        let technique: String, requires: [Escalation.Requirement], to: String, from: String?, terms: Terms
    }
}
