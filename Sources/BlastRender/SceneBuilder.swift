import BlastCore

/// Turns answers (explanation paths) and whole models into scenes. It decides nothing about
/// access: what is highlighted, dashed or eligible-only is told to it.
public struct SceneBuilder {
    /// One explanation path and how to show it.
    public struct PathSpec: Sendable {
        public var steps: [PathStep]
        /// Bold: the paths that matter most (to critical resources, to the queried target).
        public var isHighlighted: Bool
        /// Reachable only once approvals are given: nodes it adds are drawn dashed.
        public var isEligibleOnly: Bool

        public init(steps: [PathStep], isHighlighted: Bool, isEligibleOnly: Bool = false) {
            self.steps = steps
            self.isHighlighted = isHighlighted
            self.isEligibleOnly = isEligibleOnly
        }
    }

    public let graph: AccessGraph
    private var nodes: [String: Scene.Node] = [:]
    private var nodeOrder: [String] = []
    private var edges: [String: Scene.Edge] = [:]
    private var edgeOrder: [String] = []

    public init(graph: AccessGraph) {
        self.graph = graph
    }

    /// A scene of the union of `paths`, with `source` emphasised.
    /// - Complexity: O(total path length).
    public static func scene(graph: AccessGraph, title: String, source: String?, paths: [PathSpec], extraNodes: [String] = []) -> Scene {
        var b = SceneBuilder(graph: graph)
        if let source { b.addNode(source, isSource: true) }
        for id in extraNodes { b.addNode(id) }
        for p in paths {
            if let first = p.steps.first { b.addNode(first.from, highlighted: p.isHighlighted, eligibleOnly: p.isEligibleOnly) }
            for s in p.steps {
                b.addNode(s.to, highlighted: p.isHighlighted, eligibleOnly: p.isEligibleOnly)
                b.addEdge(s, highlighted: p.isHighlighted)
            }
        }
        return b.build(title: title)
    }

    /// The whole model: every element, membership, grant, assume, credential, credential copy
    /// (as a pivot edge), identity resource (as a takeover edge), and allow edges from each role
    /// to the top of every run of resources a statement covers.
    /// - Complexity: O(V + E + statements · runs).
    public static func model(graph g: AccessGraph, title: String) -> Scene {
        var b = SceneBuilder(graph: g)
        for i in g.identities { b.addNode(i.id) }
        for c in g.credentials { b.addNode(c.id) }
        for x in g.groups { b.addNode(x.id) }
        for r in g.roles { b.addNode(r.id) }
        for r in g.resources { b.addNode(r.id) }
        for c in g.credentials {
            b.addEdge(PathStep(from: c.id, fromKind: .credential, to: c.of, toKind: .identity, edge: .credential, origin: c.origin), highlighted: false)
        }
        for group in g.groups {
            for m in group.members {
                let kind: NodeKind = if case .group = g.element(named: m) { .group } else { .identity }
                b.addEdge(PathStep(from: m, fromKind: kind, to: group.id, toKind: .group, edge: .member, origin: group.origin), highlighted: false)
            }
        }
        for grant in g.grants {
            let holder = g.element(of: grant.holder)
            b.addEdge(PathStep(from: g.name(of: holder), fromKind: g.kind(of: holder), to: g.roles[grant.role.index].id, toKind: .role,
                               edge: .grant, origin: grant.model.origin, terms: grant.terms), highlighted: false)
        }
        for a in g.assumes {
            let holder = g.element(of: a.from)
            b.addEdge(PathStep(from: g.name(of: holder), fromKind: g.kind(of: holder), to: g.identities[a.to.index].id, toKind: .identity,
                               edge: .assume, origin: a.model.origin, terms: a.terms), highlighted: false)
        }
        for s in g.statements where !s.isDeny {
            for run in s.coverage.runs {
                b.addEdge(PathStep(from: g.roles[s.role.index].id, fromKind: .role, to: g.resources[Int(run.lowerBound)].id,
                                   toKind: .resource, edge: .allow, origin: s.origin), highlighted: false)
            }
        }
        for copy in g.copies {
            let c = g.credentials[copy.credential.index]
            b.addEdge(PathStep(from: g.resources[copy.resource.index].id, fromKind: .resource, to: c.id, toKind: .credential,
                               edge: .pivot, origin: c.origin), highlighted: false)
        }
        for t in g.takeoverTargets {
            let i = g.identities[t.identity.index]
            b.addEdge(PathStep(from: g.resources[t.resource.index].id, fromKind: .resource, to: i.id, toKind: .identity,
                               edge: .takeover, origin: i.origin), highlighted: false)
        }
        for e in g.escalations {
            let used = e.requires.map { "\($0.action) on \(g.resources[$0.resource.index].id)" }.joined(separator: " + ")
            b.addEdge(PathStep(from: g.resources[e.requires[0].resource.index].id, fromKind: .resource, to: g.identities[e.to.index].id,
                               toKind: .identity, edge: .escalate, origin: e.model.origin,
                               technique: "\(e.model.technique): \(used)"), highlighted: false)
        }
        return b.build(title: title)
    }

    mutating func addNode(_ id: String, isSource: Bool = false, highlighted: Bool = false, eligibleOnly: Bool = false) {
        if var existing = nodes[id] {
            existing.isSource = existing.isSource || isSource
            existing.isHighlighted = existing.isHighlighted || highlighted
            existing.isEligibleOnly = existing.isEligibleOnly && eligibleOnly
            nodes[id] = existing
            return
        }
        guard let element = graph.element(named: id) else { return }
        var node = Scene.Node(id: id, label: id, kind: .resource, isSource: isSource, isHighlighted: highlighted || isSource,
                              isEligibleOnly: eligibleOnly)
        switch element {
        case .identity(let i):
            let x = graph.identities[i.index]
            node.kind = .identity(x.kind)
            node.tooltip = "\(x.kind.rawValue) identity \(id)" + (x.origin.map { "\ndeclared at \($0)" } ?? "")
        case .credential(let c):
            let x = graph.credentials[c.index]
            node.kind = .credential
            var lines = ["credential \(id) of \(x.of)\(x.mfa ? " (MFA)" : "")"]
            if !x.storedIn.isEmpty { lines.append("copies in: \(x.storedIn.sorted().joined(separator: ", "))") }
            if let e = x.expires { lines.append("expires \(e.iso8601)") }
            if let u = x.lastUsed { lines.append("last used \(u.iso8601)") }
            node.tooltip = lines.joined(separator: "\n")
        case .group:
            node.kind = .group
            node.tooltip = "group \(id)"
        case .role(let r):
            let x = graph.roles[r.index]
            node.kind = .role
            let allows = x.allow.map { "allow \($0.actions.joined(separator: ",")) on \($0.resources.joined(separator: ","))" }
            let denies = x.deny.map { "deny \($0.actions.joined(separator: ",")) on \($0.resources.joined(separator: ","))" }
            node.tooltip = (["role \(id)"] + allows + denies).joined(separator: "\n")
        case .resource(let r):
            let x = graph.resources[r.index]
            node.kind = .resource
            node.criticality = x.criticality
            node.cluster = String(id.split(separator: "/", omittingEmptySubsequences: false).first ?? Substring(id))
            node.tooltip = "resource \(id) (\(x.criticality.rawValue))"
        }
        nodes[id] = node
        nodeOrder.append(id)
    }

    mutating func addEdge(_ s: PathStep, highlighted: Bool) {
        addNode(s.from)
        addNode(s.to)
        let key = "\(s.from)\u{0}\(s.to)\u{0}\(s.edge.rawValue)"
        if var existing = edges[key] {
            existing.isHighlighted = existing.isHighlighted || highlighted
            edges[key] = existing
            return
        }
        var why = ["\(s.edge.rawValue): \(s.from) → \(s.to)"]
        if let t = s.technique { why.append("technique \(t)") }
        if let o = s.origin { why.append("from \(o)") }
        if let t = s.terms {
            var terms: [String] = []
            if let nb = t.notBefore { terms.append("not before \(nb.iso8601)") }
            if let e = t.expires { terms.append("expires \(e.iso8601)") }
            if t.approval { terms.append("needs approval") }
            if t.mfa { terms.append("needs MFA") }
            if !terms.isEmpty { why.append(terms.joined(separator: ", ")) }
        }
        edges[key] = Scene.Edge(from: s.from, to: s.to, kind: s.edge, needsApproval: s.terms?.approval ?? false,
                                needsMFA: s.terms?.mfa ?? false, isHighlighted: highlighted, tooltip: why.joined(separator: "\n"))
        edgeOrder.append(key)
    }

    /// The scene with nodes and edges sorted, so equal inputs draw identically.
    func build(title: String) -> Scene {
        let sortedNodes = nodeOrder.sorted().compactMap { nodes[$0] }
        let sortedEdges = edgeOrder.sorted().compactMap { edges[$0] }
        let clusterKeys = Set(sortedNodes.compactMap(\.cluster)).sorted()
        return Scene(title: title, nodes: sortedNodes, edges: sortedEdges,
                     clusters: clusterKeys.map { Scene.Cluster(key: $0, label: $0) })
    }
}
