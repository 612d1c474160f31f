/// A deterministic, IAM-shaped synthetic organisation for benchmarks and scale tests.
///
/// Shape for `identities = N` (P = max(2, N / 400) projects):
/// - resources: `org/p<k>/<service>/<resource>` (8 services × 12 resources per project, ~2% critical
///   databases), `wiki/space<k>/page<j>`, `chat/c<k>`, and `iam/identities/<service account>`;
/// - identities: ~78% humans `u<k>`, ~20% service accounts `svc<k>` (each with an identity
///   resource), ~2% agents `agent<k>`; keys for every service account and agent and half the humans,
///   ~1% of them also pasted into a wiki page or chat channel;
/// - groups: a team per project and a department per 10 projects containing its teams (and, to
///   make cycles, every tenth department contains the next), humans in 1–3 teams;
/// - roles: per project reader / writer / admin, per service a deployer, wildcard roles
///   (`s3:Get*`), a wiki reader, and ~0.5% takeover roles (`credentials:create` on a service
///   account); grants with expiry, approval and MFA terms; assume chains with cycles.
///
/// Edges of the exported explanation graph (memberships, grants, assumes, credentials, copies,
/// allows to covered subtree roots and the resource tree) grow as about 3.3 · N: N = 300,000
/// gives about 1 million, N = 3,000,000 about 10 million.
public enum SyntheticOrganisation {

    static let services = ["api", "web", "db", "queue", "cache", "search", "ml", "batch"]

    /// Builds the organisation.
    /// - Complexity: O(N).
    public static func generate(identities n: Int, seed: UInt64) -> Model {
        var rng = SplitMix64(seed: seed)
        let projects = max(2, n / 400)
        let base = Instant(year: 2026, month: 1, day: 1)
        var m = Model()
        m.resources.reserveCapacity(projects * 100 + n / 5)
        for p in 0..<projects {
            for s in services {
                m.resources.append(Resource(id: "org/p\(p)/\(s)", criticality: s == "db" ? .high : .medium))
                for r in 0..<12 {
                    let critical = s == "db" && r < 2
                    m.resources.append(Resource(id: "org/p\(p)/\(s)/r\(r)", criticality: critical ? .critical : (r < 4 ? .medium : .low)))
                }
            }
        }
        let spaces = max(1, projects / 4)
        for k in 0..<spaces {
            for j in 0..<10 { m.resources.append(Resource(id: "wiki/space\(k)/page\(j)")) }
            m.resources.append(Resource(id: "chat/c\(k)"))
        }
        // Identities.
        var humans: [String] = [], servicesIDs: [String] = [], agents: [String] = []
        for k in 0..<n {
            let roll = k % 50
            if roll < 10 {
                let id = "svc\(k)"
                servicesIDs.append(id)
                m.resources.append(Resource(id: "iam/identities/\(id)", criticality: .medium))
                m.identities.append(Identity(id: id, kind: k % 7 == 0 ? .workload : .service, resource: "iam/identities/\(id)"))
            } else if roll == 10 {
                let id = "agent\(k)"
                agents.append(id)
                m.identities.append(Identity(id: id, kind: .agent))
            } else {
                let id = "u\(k)"
                humans.append(id)
                m.identities.append(Identity(id: id, kind: .human))
            }
        }
        // Credentials.
        func key(_ of: String, _ k: Int) {
            var copies: [String] = []
            if rng.chance(1) {
                copies.append(rng.chance(50) ? "chat/c\(rng.below(spaces))" : "wiki/space\(rng.below(spaces))/page\(rng.below(10))")
            }
            let created = base.adding(days: -rng.below(700))
            m.credentials.append(
                Credential(
                    id: "\(of)-key\(k)", of: of, storedIn: copies, created: created,
                    lastUsed: created.adding(days: rng.below(300)),
                    expires: rng.chance(20) ? base.adding(days: rng.below(720)) : nil))
        }
        for s in servicesIDs { key(s, 0); if rng.chance(30) { key(s, 1) } }
        for a in agents { key(a, 0) }
        for h in humans where rng.chance(50) { key(h, 0) }
        // Groups: teams per project, departments of teams.
        var teams = [[String]](repeating: [], count: projects)
        for h in humans {
            let count = 1 + rng.below(3)
            for _ in 0..<count { teams[rng.below(projects)].append(h) }
        }
        for (k, s) in servicesIDs.enumerated() where k % 3 == 0 { teams[rng.below(projects)].append(s) }
        for p in 0..<projects { m.groups.append(Group(id: "team-p\(p)", members: Array(Set(teams[p])).sorted())) }
        let departments = max(1, projects / 10)
        for d in 0..<departments {
            var members = stride(from: d, to: projects, by: departments).map { "team-p\($0)" }
            if d % 10 == 0 && departments > 1 { members.append("dept\((d + 1) % departments)") }
            m.groups.append(Group(id: "dept\(d)", members: members))
        }
        m.groups.append(Group(id: "everyone", members: (0..<departments).map { "dept\($0)" }))
        // Roles.
        m.roles.append(Role(id: "wiki-reader", allow: [Statement(actions: ["read"], resources: ["wiki", "chat"])]))
        m.grants.append(Grant(to: "everyone", role: "wiki-reader"))
        for p in 0..<projects {
            let root = "org/p\(p)"
            m.roles.append(Role(id: "p\(p)-reader", allow: [Statement(actions: ["read", "list"], resources: [root])]))
            m.roles.append(
                Role(
                    id: "p\(p)-writer", allow: [Statement(actions: ["read", "write"], resources: ["\(root)/*"])],
                    deny: [Statement(actions: ["write"], resources: ["\(root)/db"])]))
            m.roles.append(
                Role(
                    id: "p\(p)-admin", allow: [Statement(actions: ["*"], resources: [root])],
                    deny: [Statement(actions: ["delete"], resources: ["\(root)/db/r0"])]))
            m.roles.append(
                Role(
                    id: "p\(p)-s3",
                    allow: [Statement(actions: ["s3:Get*", "s3:List*"], resources: ["\(root)/ml/*", "arn:aws:s3:::p\(p)-*"])]))
            m.grants.append(Grant(to: "team-p\(p)", role: "p\(p)-reader", reviewed: base.adding(days: -rng.below(400))))
            m.grants.append(Grant(to: "team-p\(p)", role: "p\(p)-writer", scope: "\(root)/\(services[rng.below(services.count)])"))
            m.grants.append(Grant(to: "team-p\(p)", role: "p\(p)-s3", terms: Terms(mfa: true)))
            for s in services where rng.chance(40) {
                m.roles.append(
                    Role(id: "p\(p)-\(s)-deployer", allow: [Statement(actions: ["deploy", "read"], resources: ["\(root)/\(s)"])]))
            }
        }
        // Admins: some humans standing, some time-bound, some approval-gated.
        for (k, h) in humans.enumerated() where k % 40 == 0 {
            let p = rng.below(projects)
            let terms: Terms =
                switch k % 3 {
                case 0: Terms()
                case 1: Terms(notBefore: base, expires: base.adding(days: 30 + rng.below(400)))
                default: Terms(approval: true, mfa: true)
                }
            m.grants.append(Grant(to: h, role: "p\(p)-admin", terms: terms))
        }
        // Service accounts deploy; some have broad roles; a few can take over others.
        let deployers = m.roles.filter { $0.id.hasSuffix("-deployer") }.map(\.id)
        for (k, s) in servicesIDs.enumerated() {
            if !deployers.isEmpty { m.grants.append(Grant(to: s, role: deployers[rng.below(deployers.count)])) }
            if k % 25 == 0 { m.grants.append(Grant(to: s, role: "p\(rng.below(projects))-admin")) }
            if rng.perMille(5), servicesIDs.count > 1 {
                let target = servicesIDs[rng.below(servicesIDs.count)]
                let role = "takeover-\(s)"
                m.roles.append(Role(id: role, allow: [Statement(actions: ["credentials:create"], resources: ["iam/identities/\(target)"])]))
                m.grants.append(Grant(to: s, role: role))
            }
            if k % 10 == 0, servicesIDs.count > 1 {
                let next = servicesIDs[(k + 1) % servicesIDs.count]
                m.assumes.append(Assume(from: s, to: next, terms: k % 30 == 0 ? Terms(approval: true) : Terms()))
            }
            if k % 100 == 0, k + 2 < servicesIDs.count {
                m.assumes.append(Assume(from: servicesIDs[k + 2], to: s))  // closes small cycles
            }
        }
        for a in agents {
            m.grants.append(Grant(to: a, role: "p\(rng.below(projects))-reader"))
        }
        return m
    }
}
