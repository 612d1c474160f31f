import BlastCore

/// Turns answers (explanation paths) and whole models into scenes. It decides nothing about
/// access: what is highlighted, dashed, eligible-only, cut or blocked is told to it; it only
/// reads the facts every step carries (its terms, technique, actions) into short labels.
public struct SceneBuilder {
    /// One explanation path and how to show it.
    public struct PathSpec: Sendable {
        public var steps: [PathStep]
        /// Bold: the paths that matter most (to critical resources, to the queried target).
        public var isHighlighted: Bool
        /// Reachable only once approvals are given: the nodes past its first approval-gated step
        /// are drawn dashed (those before it are reached without approval).
        public var isEligibleOnly: Bool
        /// The actions allowed at the end of the path, printed on its last edge.
        public var actions: [String]

        public init(steps: [PathStep], isHighlighted: Bool, isEligibleOnly: Bool = false, actions: [String] = []) {
            self.steps = steps
            self.isHighlighted = isHighlighted
            self.isEligibleOnly = isEligibleOnly
            self.actions = actions
        }
    }

    /// An edge a change removes, as the answer names it.
    public typealias RemovedEdge = (from: String, to: String, kind: EdgeKind)

    public let graph: AccessGraph
    /// The answer's instant: steps whose terms are not in force then are drawn inactive.
    public let at: Instant?
    private var nodes: [String: Scene.Node] = [:]
    /// The nodes some path reached (the others are the source and extra nodes only).
    private var reachedByPath: Set<String> = []
    private var nodeOrder: [String] = []
    private var edges: [String: Scene.Edge] = [:]
    private var edgeOrder: [String] = []

    public init(graph: AccessGraph, at: Instant? = nil) {
        self.graph = graph
        self.at = at
    }

    /// A scene of the union of `paths`, with `source` emphasised.
    ///
    /// A node or edge is eligible-only, or faded, only when every path through it says so:
    /// one standing path is enough to draw it standing. On each path, the first step `removed`
    /// names is drawn removed and everything after it faded (the part the change cuts off).
    ///
    /// - Parameters:
    ///   - at: the answer's instant; steps whose terms are not in force then are drawn inactive.
    ///   - removed: the edges a change removes.
    /// - Complexity: O(total path length + removed).
    public static func scene(
        graph: AccessGraph, title: String, source: String?, paths: [PathSpec], extraNodes: [String] = [], at: Instant? = nil,
        removed: [RemovedEdge] = []
    ) -> Scene {
        var b = SceneBuilder(graph: graph, at: at)
        let removedKeys = Set(removed.map { EdgeKey(from: $0.from, to: $0.to, kind: $0.kind) })
        if let source { b.addNode(source, isSource: true, onPath: false) }
        for id in extraNodes { b.addNode(id, onPath: false) }
        for p in paths {
            // Past the first approval-gated step only approval reaches; past a removed step nothing does.
            // Past a step not in force at `at` (an expired grant shown as evidence) nothing is bold.
            var gated = false
            var cut = false
            var lapsed = false
            if let first = p.steps.first { b.addNode(first.from, highlighted: p.isHighlighted, eligibleOnly: false) }
            for (k, s) in p.steps.enumerated() {
                let isRemoved = !cut && removedKeys.contains(EdgeKey(from: s.from, to: s.to, kind: s.edge))
                if p.isEligibleOnly && s.terms?.approval == true { gated = true }
                if let terms = s.terms, let at, !terms.isActive(at: at) { lapsed = true }
                let faded = cut
                if isRemoved { cut = true }
                let bold = p.isHighlighted && !cut && !lapsed
                b.addNode(s.to, highlighted: bold, eligibleOnly: p.isEligibleOnly && gated, faded: cut)
                b.addEdge(
                    s, highlighted: bold && !isRemoved, faded: faded, removed: isRemoved, actions: k == p.steps.count - 1 ? p.actions : [])
            }
        }
        return b.build(title: title)
    }

    /// The whole model: every element, membership, grant, assume, credential, credential copy
    /// (as a pivot edge), identity resource (as a takeover edge), and allow edges, labelled with
    /// the statement's actions, from each role to the top of every run of resources it covers.
    /// - Complexity: O(V + E + statements · runs).
    /// - Parameter at: the instant the model is drawn at: grants and assumes not in force then
    ///   are drawn inactive.
    public static func model(graph g: AccessGraph, title: String, at: Instant? = nil) -> Scene {
        var b = SceneBuilder(graph: g, at: at)
        for i in g.identities { b.addNode(i.id) }
        for c in g.credentials { b.addNode(c.id) }
        for x in g.groups { b.addNode(x.id) }
        for r in g.roles { b.addNode(r.id) }
        for r in g.resources { b.addNode(r.id) }
        for c in g.credentials {
            b.addEdge(
                PathStep(from: c.id, fromKind: .credential, to: c.of, toKind: .identity, edge: .credential, origin: c.origin),
                highlighted: false)
        }
        for group in g.groups {
            for m in group.members {
                let kind: NodeKind = if case .group = g.element(named: m) { .group } else { .identity }
                b.addEdge(
                    PathStep(from: m, fromKind: kind, to: group.id, toKind: .group, edge: .member, origin: group.origin), highlighted: false
                )
            }
        }
        for grant in g.grants {
            let holder = g.element(of: grant.holder)
            b.addEdge(
                PathStep(
                    from: g.name(of: holder), fromKind: g.kind(of: holder), to: g.roles[grant.role.index].id, toKind: .role,
                    edge: .grant, origin: grant.model.origin, terms: grant.terms), highlighted: false)
        }
        for a in g.assumes {
            let holder = g.element(of: a.from)
            b.addEdge(
                PathStep(
                    from: g.name(of: holder), fromKind: g.kind(of: holder), to: g.identities[a.to.index].id, toKind: .identity,
                    edge: .assume, origin: a.model.origin, terms: a.terms), highlighted: false)
        }
        for s in g.statements where !s.isDeny {
            for run in s.coverage.runs {
                b.addEdge(
                    PathStep(
                        from: g.roles[s.role.index].id, fromKind: .role, to: g.resources[Int(run.lowerBound)].id,
                        toKind: .resource, edge: .allow, origin: s.origin), highlighted: false, actions: s.actionTexts)
            }
        }
        for copy in g.copies {
            let c = g.credentials[copy.credential.index]
            b.addEdge(
                PathStep(
                    from: g.resources[copy.resource.index].id, fromKind: .resource, to: c.id, toKind: .credential,
                    edge: .pivot, origin: c.origin), highlighted: false)
        }
        for t in g.takeoverTargets {
            let i = g.identities[t.identity.index]
            b.addEdge(
                PathStep(
                    from: g.resources[t.resource.index].id, fromKind: .resource, to: i.id, toKind: .identity,
                    edge: .takeover, origin: i.origin), highlighted: false)
        }
        for e in g.escalations {
            let used = e.requires.map { "\($0.action) on \(g.resources[$0.resource.index].id)" }.joined(separator: " + ")
            b.addEdge(
                PathStep(
                    from: g.resources[e.requires[0].resource.index].id, fromKind: .resource, to: g.identities[e.to.index].id,
                    toKind: .identity, edge: .escalate, origin: e.model.origin,
                    technique: "\(e.model.technique): \(used)"), highlighted: false)
        }
        return b.build(title: title)
    }

    /// Adds the node `id`, or merges what one more path says about it: highlighted when any
    /// path highlights it, eligible-only and faded only when every path says so.
    ///
    /// - Parameter onPath: false for the source and extra nodes, which are drawn whether or not
    ///   a path reaches them and so say nothing about how the paths reach them.
    mutating func addNode(
        _ id: String, isSource: Bool = false, highlighted: Bool = false, eligibleOnly: Bool = false, faded: Bool = false,
        onPath: Bool = true
    ) {
        if var existing = nodes[id] {
            existing.isSource = existing.isSource || isSource
            existing.isHighlighted = existing.isHighlighted || highlighted
            if onPath {
                if reachedByPath.insert(id).inserted {
                    existing.isEligibleOnly = eligibleOnly
                    existing.isFaded = faded && !existing.isSource
                } else {
                    existing.isEligibleOnly = existing.isEligibleOnly && eligibleOnly
                    existing.isFaded = existing.isFaded && faded
                }
            }
            nodes[id] = existing
            return
        }
        if onPath { reachedByPath.insert(id) }
        guard let element = graph.element(named: id) else { return }
        var node = Scene.Node(
            id: id, label: id, kind: .resource, isSource: isSource, isHighlighted: highlighted || isSource,
            isEligibleOnly: eligibleOnly, isFaded: faded && !isSource)
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
            if let e = x.expires {
                node.detail = at.map { e <= $0 } == true ? "expired \(e.isoDate)" : "until \(e.isoDate)"
            }
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
            node.cluster = SceneLabels.clusterKey(ofResource: id)
            node.tooltip = "resource \(id) (\(x.criticality.rawValue))"
        }
        node.label = SceneLabels.label(of: id, in: node.cluster)
        nodes[id] = node
        nodeOrder.append(id)
    }

    /// Adds the edge of step `s` (and its ends, when not yet in the scene, as plain nodes: the
    /// caller adds path nodes first, with their eligibility, so an edge never changes it).
    mutating func addEdge(
        _ s: PathStep, highlighted: Bool, faded: Bool = false, removed: Bool = false, actions: [String] = []
    ) {
        if nodes[s.from] == nil { addNode(s.from, faded: faded) }
        if nodes[s.to] == nil { addNode(s.to, faded: faded) }
        let key = "\(s.from)\u{0}\(s.to)\u{0}\(s.edge.rawValue)"
        let inactive = s.terms.map { t in at.map { !t.isActive(at: $0) } ?? false } ?? false
        let label = SceneLabels.edgeLabel(of: s, actions: actions, at: at)
        if var existing = edges[key] {
            existing.isHighlighted = (existing.isHighlighted || highlighted) && !existing.isInactive
            existing.isFaded = existing.isFaded && faded
            existing.isRemoved = existing.isRemoved || removed
            if existing.label.isEmpty { existing.label = label }
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
            if let c = t.condition { terms.append("only if \(c)") }
            if !terms.isEmpty { why.append(terms.joined(separator: ", ")) }
        }
        if !actions.isEmpty { why.append("actions: \(actions.joined(separator: ", "))") }
        edges[key] = Scene.Edge(
            from: s.from, to: s.to, kind: s.edge, needsApproval: s.terms?.approval ?? false,
            needsMFA: s.terms?.mfa ?? false, isHighlighted: highlighted && !inactive, isConditional: s.terms?.condition != nil,
            isInactive: inactive, isRemoved: removed, isFaded: faded, label: label, tooltip: why.joined(separator: "\n"))
        edgeOrder.append(key)
    }

    /// The scene with nodes and edges sorted, so equal inputs draw identically.
    func build(title: String) -> Scene {
        let sortedNodes = nodeOrder.sorted().compactMap { nodes[$0] }
        let sortedEdges = edgeOrder.sorted().compactMap { edges[$0] }
        let clusterKeys = Set(sortedNodes.compactMap(\.cluster)).sorted()
        return Scene(
            title: title, nodes: sortedNodes, edges: sortedEdges,
            clusters: clusterKeys.map { Scene.Cluster(key: $0, label: SceneLabels.clusterLabel(ofKey: $0)) })
    }
}

/// An edge's identity in a scene: its ends and kind.
struct EdgeKey: Hashable {
    var from: String
    var to: String
    var kind: EdgeKind
}

extension SceneBuilder {
    /// How much of a radius a diagram draws before it summarises the rest. The limits only bound
    /// the work of building the scene: the picture's size is `Scene.fitted(maxResources:maxNodes:)`'s
    /// business (`--max-resources`, `--max-nodes`), which folds what is drawn.
    public struct RadiusLimits: Sendable {
        /// Explanation paths to resources drawn (shortest first, critical and high first).
        public var resources = 20_000
        /// Paths to critical and high resources drawn in bold.
        public var highlighted = 25
        /// Paths to identities and to credentials drawn.
        public var identities = 5_000
        public var credentials = 5_000

        public init() {}
    }

    /// A radius as a scene: the paths that explain it, the most critical in bold, what only approvals
    /// add dashed, and past the limits one node saying how many resources are not drawn. The caller
    /// folds subtrees with `aggregatingResources(maxResources:)`.
    /// - Complexity: O(L · p) for L drawn paths of length p, plus O(r log r) to choose them.
    public static func radius(graph g: AccessGraph, radius r: Radius, sourceID: String, limits: RadiusLimits = RadiusLimits()) -> Scene {
        func criticality(_ x: Radius.ReachedResource) -> Criticality { g.resources[x.resource.index].criticality }
        let chosen = r.resources.enumerated()
            .sorted { a, b in
                let (ca, cb) = (criticality(a.element) >= .high, criticality(b.element) >= .high)
                if ca != cb { return ca }
                if a.element.hops != b.element.hops { return a.element.hops < b.element.hops }
                return a.offset < b.offset
            }
            .prefix(limits.resources).map(\.element)
        var paths: [PathSpec] = []
        var bold = 0
        for x in chosen {
            let highlight = criticality(x) >= .high && bold < limits.highlighted
            if highlight { bold += 1 }
            paths.append(.init(steps: r.path(x.proof), isHighlighted: highlight, actions: x.actions))
        }
        for x in r.identities.prefix(limits.identities) { paths.append(.init(steps: r.path(x.proof), isHighlighted: false)) }
        for x in r.credentials.prefix(limits.credentials) { paths.append(.init(steps: r.path(x.proof), isHighlighted: false)) }
        let eligible = r.eligible.prefix(max(0, limits.resources - chosen.count))
        for x in eligible {
            paths.append(.init(steps: r.eligiblePath(x.proof), isHighlighted: false, isEligibleOnly: true, actions: x.actions))
        }
        let critical = r.resources.filter { criticality($0) == .critical }.count
        var title =
            "Blast radius of \(sourceID)\(r.options.mfa ? " with MFA" : "") at \(r.options.at.iso8601): \(r.resources.count) resources (\(critical) critical), \(r.eligible.count) more once approved"
        let hidden = (r.resources.count - chosen.count) + (r.eligible.count - eligible.count)
        let hiddenPeople = max(0, r.identities.count - limits.identities) + max(0, r.credentials.count - limits.credentials)
        if hidden + hiddenPeople > 0 { title += "; drawing the \(chosen.count) most critical and closest" }
        var scene = scene(graph: g, title: title, source: sourceID, paths: paths, at: r.options.at)
        if hidden + hiddenPeople > 0 {
            var parts: [String] = []
            if hidden > 0 { parts.append("\(hidden) more resources") }
            if hiddenPeople > 0 { parts.append("\(hiddenPeople) more identities and credentials") }
            scene.nodes.append(
                Scene.Node(
                    id: "blast:not-drawn", label: "+\(parts.joined(separator: ", ")) not drawn",
                    kind: .aggregate(count: hidden + hiddenPeople),
                    tooltip: "The diagram shows the most critical and closest part of the radius; the text and JSON answers list all of it."
                ))
        }
        return scene
    }
}
