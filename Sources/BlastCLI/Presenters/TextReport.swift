import BlastCore

/// Plain-text answers for people, with colour only on a terminal.
struct TextReport {
    let graph: AccessGraph
    let colour: Bool

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ s: String) -> String { paint(s, "1") }
    func dim(_ s: String) -> String { paint(s, "2") }

    func criticality(_ c: Criticality) -> String {
        let label = c.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
        switch c {
        case .critical: return paint(label, "1;31")
        case .high: return paint(label, "33")
        case .medium: return paint(label, "36")
        case .low: return dim(label)
        }
    }

    /// `a -credential-> b -member-> c`, with pivots and takeovers marked.
    func path(_ steps: [PathStep]) -> String {
        guard let first = steps.first else { return "(the start itself)" }
        var out = first.from
        for s in steps {
            var label = s.edge.rawValue
            if s.terms?.approval == true { label += "+approval" }
            if s.terms?.mfa == true { label += "+mfa" }
            if let c = s.terms?.condition { label += "+if(\(c))" }
            if let t = s.technique { label += "[\(t)]" }
            let arrow = " -\(label)-> "
            out += (s.edge == .pivot || s.edge == .takeover || s.edge == .escalate) ? paint(arrow, "31") : dim(arrow)
            out += s.to
        }
        return out
    }

    func hops(_ n: Int) -> String { plural(n, "hop") }

    /// `1 identity`, `3 identities`.
    func plural(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        n == 1 ? "1 \(one)" : "\(n) \(many ?? one + "s")"
    }

    func radius(_ r: Radius, sourceID: String) -> String {
        var out = ""
        let subject: String
        switch r.starts.count == 1 ? r.starts.first : nil {
        case .credential(let c)?:
            let cred = graph.credentials[c.index]
            subject = "credential \(bold(sourceID)) (acts as \(cred.of), \(cred.mfa ? "with" : "no") MFA)"
        case .session(let s)?:
            subject = "identity \(bold(sourceID)) (\(s.mfa ? "with" : "no") MFA)"
        case nil:
            subject = r.starts.isEmpty ? "nothing (every start was removed)" : bold(sourceID)
        }
        out += "Blast radius of \(subject) at \(r.options.at.iso8601)\(r.options.withApprovals ? ", approvals granted" : "")\n"
        if let problem = r.startProblem { out += "  \(paint("nothing reachable:", "1;31")) \(problem)\n" }
        let critical = r.resources.filter { graph.resources[$0.resource.index].criticality == .critical }.count
        out += "  \(plural(r.identities.count, "identity", "identities")), \(plural(r.credentials.count, "credential")), \(plural(r.resources.count, "resource")) (\(critical) critical)"
        out += ", \(r.eligible.count) more once approved, \(plural(r.unmatched.count, "unmatched statement"))\n"

        if !r.identities.isEmpty {
            out += "\n\(bold("Identities"))\n"
            for x in r.identities {
                let i = graph.identities[x.identity.index]
                out += "  \(i.id) [\(i.kind.rawValue)\(x.mfa ? ", MFA" : "")] \(dim(hops(x.hops)))\n"
                out += "      \(path(r.path(x.proof)))\n"
            }
        }
        if !r.credentials.isEmpty {
            out += "\n\(bold("Credentials"))\n"
            for x in r.credentials {
                let c = graph.credentials[x.credential.index]
                out += "  \(c.id) (of \(c.of)) \(dim(hops(x.hops)))\n"
                out += "      \(path(r.path(x.proof)))\n"
            }
        }
        if !r.resources.isEmpty {
            out += "\n\(bold("Resources"))\n"
            for x in r.resources { out += resource(x, path: r.path(x.proof)) }
        }
        if !r.eligible.isEmpty {
            out += "\n\(bold("Eligible once approved"))\n"
            for x in r.eligible { out += resource(x, path: r.eligiblePath(x.proof)) }
        }
        if !r.unmatched.isEmpty {
            out += "\n\(bold("Unmatched statements")) (reach the model does not list)\n"
            for u in r.unmatched {
                let scope = u.scope.map { " within \($0)" } ?? ""
                out += "  \(graph.identities[u.identity.index].id): \(u.actions.joined(separator: ", ")) on \(u.resources.joined(separator: ", "))\(scope)\n"
                out += "      \(path(r.path(u.proof)))\n"
            }
        }
        return out
    }

    private func resource(_ x: Radius.ReachedResource, path steps: [PathStep]) -> String {
        let res = graph.resources[x.resource.index]
        var out = "  \(criticality(res.criticality)) \(res.id)  [\(x.actions.joined(separator: ", "))] \(dim(hops(x.hops)))\n"
        out += "      \(path(steps))\n"
        for a in x.access {
            let denied = a.denied.isEmpty ? "" : "; denied: \(a.denied.joined(separator: ", "))"
            out += "      \(dim("as")) \(graph.identities[a.identity.index].id): \(a.actions.joined(separator: ", "))\(denied)\n"
        }
        return out
    }

    func whoCan(_ w: WhoCan) -> String {
        let res = graph.resources[w.resource.index]
        var out = "Who can reach \(bold(res.id)) [\(res.criticality.rawValue)]"
        if let action = w.action { out += " with action '\(action)'" }
        out += " at \(w.options.at.iso8601)\n"
        out += "  \(plural(w.identities.count, "identity", "identities")), \(plural(w.credentials.count, "credential"))\n"
        if !w.identities.isEmpty {
            out += "\n\(bold("Identities"))\n"
            for (i, e) in w.identities {
                out += "  \(graph.identities[i.index].id) \(dim(hops(e.hops)))\n      \(path(w.path(e)))\n"
            }
        }
        if !w.credentials.isEmpty {
            out += "\n\(bold("Credentials"))\n"
            for (c, e) in w.credentials {
                out += "  \(graph.credentials[c.index].id) \(dim(hops(e.hops)))\n      \(path(w.path(e)))\n"
            }
        }
        return out
    }
}
