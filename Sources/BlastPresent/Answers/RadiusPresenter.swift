import BlastCore
import BlastRender

/// `radius`: what a credential or identity reaches, each with the path that proves it.
public struct RadiusPresenter: AnswerPresenter {
    public let radius: Radius
    /// The start as the user named it.
    public let source: String

    /// Lists, per resource, what each reached identity may do there when the radius was computed
    /// with `detail` (off by default: that breakdown grows as identities × resources once an
    /// escalation reaches an account's admins; the union of actions and one shortest proof per
    /// resource is what a reader uses).
    public init(_ radius: Radius, source: String) {
        self.radius = radius
        self.source = source
    }

    private var detail: Bool { radius.detail }

    private var graph: AccessGraph { radius.search.graph }

    public func text(_ t: TextStyle) -> String {
        let r = radius, graph = self.graph
        var out = ""
        let subject: String
        switch r.starts.count == 1 ? r.starts.first : nil {
        case .credential(let c)?:
            let cred = graph.credential(c)
            subject = "credential \(t.bold(source)) (acts as \(cred.of), \(cred.mfa ? "with" : "no") MFA)"
        case .session(let s)?:
            subject = "identity \(t.bold(source)) (\(s.mfa ? "with" : "no") MFA)"
        case nil:
            subject = r.starts.isEmpty ? "nothing (every start was removed)" : t.bold(source)
        }
        out += "Blast radius of \(subject) at \(r.options.at.iso8601)\(r.options.withApprovals ? ", approvals granted" : "")\n"
        if let problem = r.startProblem { out += "  \(t.paint("nothing reachable:", "1;31")) \(problem)\n" }
        let critical = r.resources.filter { graph.resource($0.resource).criticality == .critical }.count
        out +=
            "  \(t.plural(r.identities.count, "identity", "identities")), \(t.plural(r.credentials.count, "credential")), \(t.plural(r.resources.count, "resource")) (\(critical) critical)"
        out += ", \(r.eligible.count) more once approved, \(t.plural(r.unmatched.count, "unmatched statement"))\n"

        // Without detail, what one reached session controls completely is one entry, not one
        // line per resource, identity and statement it leads to.
        let fold = detail ? nil : r.fullControl()
        var folded = (identities: Set<Int>(), credentials: Set<Int>(), resources: Set<Int>(), unmatched: Set<Int>())
        if let f = fold {
            let admin = graph.identity(f.identity)
            let controlled = f.resources.map { graph.resource(r.resources[$0].resource).criticality }
            let critical = controlled.filter { $0 == .critical }.count, high = controlled.filter { $0 == .high }.count
            folded.identities = Set(f.identities)
            folded.credentials = Set(f.credentials)
            folded.unmatched = Set(f.unmatched)
            folded.resources = Set(f.resources.filter { graph.resource(r.resources[$0].resource).criticality < .high })
            out += "\n\(t.bold("Full control"))\n"
            out += "  \(admin.id) [\(admin.kind.rawValue)] \(t.dim(t.hops(f.hops))) may do every action (*) on "
            out += "\(t.plural(f.resources.count, "resource")) (\(critical) critical, \(high) high)\n"
            out += "      \(t.path(r.path(f.proof)))\n"
            var through: [String] = []
            if !f.identities.isEmpty { through.append(t.plural(f.identities.count, "identity", "identities")) }
            if !f.credentials.isEmpty { through.append(t.plural(f.credentials.count, "credential")) }
            if !f.unmatched.isEmpty { through.append(t.plural(f.unmatched.count, "unmatched statement")) }
            let also = through.isEmpty ? "" : "; through it also \(through.joined(separator: ", ")), not listed"
            out += "  Below: only its critical and high resources\(also) (--detail lists everything)\n"
        }

        if !r.identities.isEmpty {
            out += "\n\(t.bold("Identities"))\n"
            for (k, x) in r.identities.enumerated() where !folded.identities.contains(k) {
                let i = graph.identity(x.identity)
                out += "  \(i.id) [\(i.kind.rawValue)\(x.mfa ? ", MFA" : "")] \(t.dim(t.hops(x.hops)))\n"
                out += "      \(t.path(r.path(x.proof)))\n"
            }
        }
        if r.credentials.count > folded.credentials.count {
            out += "\n\(t.bold("Credentials"))\n"
            for (k, x) in r.credentials.enumerated() where !folded.credentials.contains(k) {
                let c = graph.credential(x.credential)
                out += "  \(c.id) (of \(c.of)) \(t.dim(t.hops(x.hops)))\n"
                out += "      \(t.path(r.path(x.proof)))\n"
            }
        }
        if !r.resources.isEmpty {
            out += "\n\(t.bold("Resources"))\n"
            for (k, x) in r.resources.enumerated() where !folded.resources.contains(k) { out += resource(x, path: r.path(x.proof), t) }
        }
        if !r.eligible.isEmpty {
            out += "\n\(t.bold("Eligible once approved"))\n"
            for x in r.eligible { out += resource(x, path: r.eligiblePath(x.proof), t) }
        }
        if r.unmatched.count > folded.unmatched.count {
            out += "\n\(t.bold("Unmatched statements")) (reach the model does not list)\n"
            for (k, u) in r.unmatched.enumerated() where !folded.unmatched.contains(k) {
                let scope = u.scope.map { " within \($0)" } ?? ""
                out +=
                    "  \(graph.identity(u.identity).id): \(u.actions.joined(separator: ", ")) on \(u.resources.joined(separator: ", "))\(scope)\n"
                out += "      \(t.path(r.path(u.proof)))\n"
            }
        }
        return out
    }

    private func resource(_ x: Radius.ReachedResource, path steps: [PathStep], _ t: TextStyle) -> String {
        let res = graph.resource(x.resource)
        var out = "  \(t.criticality(res.criticality)) \(res.id)  [\(x.actions.joined(separator: ", "))] \(t.dim(t.hops(x.hops)))\n"
        out += "      \(t.path(steps))\n"
        guard detail else { return out }
        for a in x.access {
            let denied = a.denied.isEmpty ? "" : "; denied: \(a.denied.joined(separator: ", "))"
            out += "      \(t.dim("as")) \(graph.identity(a.identity).id): \(a.actions.joined(separator: ", "))\(denied)\n"
        }
        return out
    }

    public struct Document: Encodable {
        struct Identity: Encodable {
            let id: String
            let type: String
            let hops: Int
            let mfa: Bool
            let path: [JSONStep]
        }

        struct Credential: Encodable {
            let id: String
            let of: String
            let hops: Int
            let path: [JSONStep]
        }

        struct Access: Encodable {
            let identity: String
            let actions: [String]
            let denied: [String]
        }

        struct Resource: Encodable {
            let id: String
            let actions: [String]
            let criticality: String
            let hops: Int
            let path: [JSONStep]
            /// Only with `detail`.
            let access: [Access]?
        }

        /// `FullControl`, summarised: the lists above stay complete in JSON.
        struct Control: Encodable {
            let identity: String
            let hops: Int
            let resources: Int
            let critical: Int
            let high: Int
            let identitiesThrough: Int
            let credentialsThrough: Int
            let unmatchedThrough: Int
            let path: [JSONStep]

            enum CodingKeys: String, CodingKey {
                case identity, hops, resources, critical, high, path
                case identitiesThrough = "identities_through"
                case credentialsThrough = "credentials_through"
                case unmatchedThrough = "unmatched_through"
            }
        }

        struct Unmatched: Encodable {
            let actions: [String]
            let resources: [String]
            let scope: String?
            let identity: String
            let path: [JSONStep]
        }

        let source: String
        let sourceKind: String
        let at: String
        let mfa: Bool
        let withApprovals: Bool
        let problem: String?
        let fullControl: Control?
        let identities: [Identity]
        let credentials: [Credential]
        let resources: [Resource]
        let eligible: [Resource]
        let unmatched: [Unmatched]

        enum CodingKeys: String, CodingKey {
            case source, at, mfa, problem, identities, credentials, resources, eligible, unmatched
            case sourceKind = "source_kind"
            case fullControl = "full_control"
            case withApprovals = "with_approvals"
        }
    }

    public func json() -> Document {
        let r = radius, g = graph
        func resource(_ x: Radius.ReachedResource, path: [PathStep]) -> Document.Resource {
            Document.Resource(
                id: g.resource(x.resource).id, actions: x.actions,
                criticality: g.resource(x.resource).criticality.rawValue, hops: x.hops, path: JSONStep.path(path),
                access: detail
                    ? x.access.map { .init(identity: g.identity($0.identity).id, actions: $0.actions, denied: $0.denied) } : nil)
        }
        let sourceKind: String
        let mfa: Bool
        switch r.starts.count == 1 ? r.starts.first : nil {
        case .credential(let c)?:
            sourceKind = "credential"
            mfa = g.credential(c).mfa
        case .session(let s)?:
            sourceKind = "identity"
            mfa = s.mfa
        case nil:
            sourceKind = r.starts.isEmpty ? "none" : "several"
            mfa = r.options.mfa
        }
        return Document(
            source: source, sourceKind: sourceKind, at: r.options.at.iso8601, mfa: mfa, withApprovals: r.options.withApprovals,
            problem: r.startProblem,
            fullControl: (detail ? nil : r.fullControl()).map { f in
                let controlled = f.resources.map { g.resource(r.resources[$0].resource).criticality }
                return .init(
                    identity: g.identity(f.identity).id, hops: f.hops, resources: f.resources.count,
                    critical: controlled.filter { $0 == .critical }.count, high: controlled.filter { $0 == .high }.count,
                    identitiesThrough: f.identities.count, credentialsThrough: f.credentials.count,
                    unmatchedThrough: f.unmatched.count, path: JSONStep.path(r.path(f.proof)))
            },
            identities: r.identities.map {
                .init(
                    id: g.identity($0.identity).id, type: g.identity($0.identity).kind.rawValue,
                    hops: $0.hops, mfa: $0.mfa, path: JSONStep.path(r.path($0.proof)))
            },
            credentials: r.credentials.map {
                .init(
                    id: g.credential($0.credential).id, of: g.credential($0.credential).of,
                    hops: $0.hops, path: JSONStep.path(r.path($0.proof)))
            },
            resources: r.resources.map { resource($0, path: r.path($0.proof)) },
            eligible: r.eligible.map { resource($0, path: r.eligiblePath($0.proof)) },
            unmatched: r.unmatched.map {
                .init(
                    actions: $0.actions, resources: $0.resources, scope: $0.scope,
                    identity: g.identity($0.identity).id, path: JSONStep.path(r.path($0.proof)))
            })
    }

    public func scene() -> Scene {
        SceneBuilder.radius(graph: graph, radius: radius, sourceID: source)
    }
}
