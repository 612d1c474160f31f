/// The explanation graph as a plain directed edge list, for comparisons with general graph
/// libraries (which follow every edge and know nothing of time, MFA, approvals or denies).
public struct EdgeList: Sendable {
    /// Nodes are numbered credentials first (`0..<credentialCount`), then identities, groups,
    /// grants and resources.
    public let nodeCount: Int
    public let credentialCount: Int
    public let edges: [(UInt32, UInt32)]
}

extension AccessGraph {
    /// Edges: credential → identity, member → group, holder → grant, grant → the root of every
    /// subtree its allows cover, resource → child resource (the hierarchy), resource → credential
    /// (a copy), identity resource → identity (takeover), holder → identity (assume), first
    /// required resource → identity (escalation).
    /// - Complexity: O(V + E).
    public func edgeList() -> EdgeList {
        let c0 = 0, i0 = credentials.count, g0 = i0 + identities.count, gr0 = g0 + groups.count, r0 = gr0 + grants.count
        func holderNode(_ h: HolderID) -> UInt32 { UInt32(h.index < identityCount ? i0 + h.index : g0 + h.index - identityCount) }
        var edges: [(UInt32, UInt32)] = []
        for k in credentials.indices {
            edges.append((UInt32(c0 + k), UInt32(i0 + credentialOwner[k].index)))
        }
        for h in 0..<holderCount {
            for g in memberOf[h] { edges.append((holderNode(HolderID(h)), holderNode(g))) }
        }
        for (k, g) in grants.enumerated() {
            edges.append((holderNode(g.holder), UInt32(gr0 + k)))
            for s in roleAllows[g.role.index] {
                // One edge to each subtree root inside the run; the hierarchy edges reach the rest.
                for run in coverage(of: s, under: GrantID(k)).runs {
                    var p = run.lowerBound
                    while p < run.upperBound {
                        edges.append((UInt32(gr0 + k), UInt32(r0) + p))
                        p = max(p + 1, subtree(of: resources[Int(p)].id).upperBound)
                    }
                }
            }
        }
        // The hierarchy: each resource's nearest declared ancestor → it.
        var stack: [Int] = []
        for (k, r) in resources.enumerated() {
            while let top = stack.last, !(r.id.hasPrefix(resources[top].id + "/")) { stack.removeLast() }
            if let top = stack.last { edges.append((UInt32(r0 + top), UInt32(r0 + k))) }
            stack.append(k)
        }
        for copy in copies { edges.append((UInt32(r0) + copy.resource.rawValue, UInt32(c0) + copy.credential.rawValue)) }
        for t in takeoverTargets { edges.append((UInt32(r0) + t.resource.rawValue, UInt32(i0) + t.identity.rawValue)) }
        for a in assumes { edges.append((holderNode(a.from), UInt32(i0) + a.to.rawValue)) }
        for e in escalations { edges.append((UInt32(r0) + e.requires[0].resource.rawValue, UInt32(i0) + e.to.rawValue)) }
        return EdgeList(nodeCount: r0 + resources.count, credentialCount: credentials.count, edges: edges)
    }
}
