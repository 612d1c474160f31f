import BlastCore
import BlastRender

/// Named scenes for the renderer's tests.
enum SceneFixtures {
    /// A leaked token: gh-token → deployer (service) → deploy group → admin role → two prod
    /// resources, one holding a copy of aws-key (a pivot a what-if change removed). The path to
    /// prod/db is highlighted; the grant needs approval and MFA; aws-key is eligible only.
    static func leakedDeployToken(showsLegend: Bool = false) -> Scene {
        Scene(
            title: "Blast radius of gh-token",
            nodes: [
                Scene.Node(
                    id: "gh-token", label: "gh-token", kind: .credential, isSource: true, isHighlighted: true,
                    tooltip: "credential gh-token of deployer\nexpires 2025-01-01"),
                Scene.Node(
                    id: "deployer", label: "deployer", kind: .identity(.service), isHighlighted: true, tooltip: "service identity deployer"),
                Scene.Node(id: "deploy", label: "deploy", kind: .group, isHighlighted: true, tooltip: "group deploy"),
                Scene.Node(id: "admin", label: "admin", kind: .role, isHighlighted: true, tooltip: "role admin"),
                Scene.Node(
                    id: "prod/db", label: "prod/db", kind: .resource, criticality: .critical, isHighlighted: true,
                    tooltip: "resource prod/db (critical)", cluster: "prod"),
                Scene.Node(
                    id: "prod/logs", label: "prod/logs", kind: .resource, criticality: .low,
                    tooltip: "resource prod/logs (low)", cluster: "prod"),
                Scene.Node(id: "aws-key", label: "aws-key", kind: .credential, isEligibleOnly: true, tooltip: "credential aws-key"),
            ],
            edges: [
                Scene.Edge(
                    from: "gh-token", to: "deployer", kind: .credential, isHighlighted: true, tooltip: "credential: gh-token → deployer"),
                Scene.Edge(from: "deployer", to: "deploy", kind: .member, isHighlighted: true, tooltip: "member: deployer → deploy"),
                Scene.Edge(
                    from: "deploy", to: "admin", kind: .grant, needsApproval: true, needsMFA: true, isHighlighted: true,
                    tooltip: "grant: deploy → admin\nneeds approval, needs MFA"),
                Scene.Edge(from: "admin", to: "prod/db", kind: .allow, isHighlighted: true, tooltip: "allow: admin → prod/db"),
                Scene.Edge(from: "admin", to: "prod/logs", kind: .allow, tooltip: "allow: admin → prod/logs"),
                Scene.Edge(from: "prod/logs", to: "aws-key", kind: .pivot, isRemoved: true, tooltip: "pivot: prod/logs → aws-key"),
            ],
            clusters: [Scene.Cluster(key: "prod", label: "prod")],
            showsLegend: showsLegend
        )
    }

    /// One node of every kind, named after it, no edges.
    static func oneNodePerKind() -> Scene {
        Scene(title: "kinds", nodes: kinds.map { Scene.Node(id: $0.name, label: $0.name, kind: $0.kind) }, showsLegend: false)
    }

    static let kinds: [(name: String, kind: Scene.Node.Kind)] = [
        ("credential", .credential),
        ("human", .identity(.human)),
        ("service", .identity(.service)),
        ("agent", .identity(.agent)),
        ("workload", .identity(.workload)),
        ("group", .group),
        ("role", .role),
        ("resource", .resource),
        ("aggregate", .aggregate(count: 3)),
    ]

    /// One edge `a -> b` with the given properties, between two roles.
    static func singleEdge(_ edge: Scene.Edge, showsLegend: Bool = false) -> Scene {
        Scene(
            title: "edge",
            nodes: [Scene.Node(id: edge.from, label: edge.from, kind: .role), Scene.Node(id: edge.to, label: edge.to, kind: .role)],
            edges: [edge],
            showsLegend: showsLegend
        )
    }

    /// A role `reader` allowed on every resource in `ids`, each `low`, one cluster per top-level
    /// component; the resources in `highlighted` sit on a highlighted path.
    static func reader(of ids: [String], highlighted: Set<String> = [], criticality: (String) -> Criticality = { _ in .low }) -> Scene {
        let resources = ids.map { id in
            Scene.Node(
                id: id, label: id, kind: .resource, criticality: criticality(id), isHighlighted: highlighted.contains(id),
                cluster: String(id.prefix { $0 != "/" }))
        }
        let clusters = Set(resources.compactMap(\.cluster)).sorted().map { Scene.Cluster(key: $0, label: $0) }
        return Scene(
            title: "reader",
            nodes: [Scene.Node(id: "reader", label: "reader", kind: .role, isSource: true, isHighlighted: true)] + resources,
            edges: ids.map { Scene.Edge(from: "reader", to: $0, kind: .allow, isHighlighted: highlighted.contains($0)) },
            clusters: clusters,
            showsLegend: false
        )
    }

    /// `count` resources named `<prefix>/r<n>`.
    static func resources(_ count: Int, under prefix: String) -> [String] {
        (0..<count).map { "\(prefix)/r\($0)" }
    }
}
