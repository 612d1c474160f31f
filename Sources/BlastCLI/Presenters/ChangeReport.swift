import BlastCore

/// Text for answers that compare two radii: `what-if` and `diff`.
struct ChangeReport {
    let colour: Bool

    private func line(_ x: Radius.ReachedResource, in r: Radius, _ label: String) -> String {
        let g = r.search.graph
        let text = TextReport(graph: g, colour: colour)
        let res = g.resources[x.resource.index]
        return "  \(text.criticality(res.criticality)) \(res.id)  [\(x.actions.joined(separator: ", "))]\n      \(text.dim(label)) \(text.path(r.path(x.proof)))\n"
    }

    private func summary(_ r: Radius) -> String {
        let g = r.search.graph
        let critical = r.resources.filter { g.resources[$0.resource.index].criticality == .critical }.count
        let text = TextReport(graph: g, colour: false)
        return "\(text.plural(r.resources.count, "resource")) (\(critical) critical), \(text.plural(r.identities.count, "identity", "identities"))"
    }

    /// The comparison body: cut, kept (with the surviving path), gained, identities.
    func body(_ d: RadiusDiff, keptLabel: String = "Still reachable", showKept: Bool = true) -> String {
        let text = TextReport(graph: d.after.search.graph, colour: colour)
        var out = "  before: \(summary(d.before))\n  after:  \(summary(d.after))\n"
        if !d.lost.isEmpty {
            out += "\n\(text.bold("Cut")) (\(d.lost.count))\n"
            for x in d.lost { out += line(x, in: d.before, "was:") }
        }
        if showKept && !d.kept.isEmpty {
            out += "\n\(text.bold(keptLabel)) (\(d.kept.count))\n"
            for x in d.kept { out += line(x, in: d.after, "via:") }
        }
        let escalations = d.gained.filter(d.isEscalation), plain = d.gained.filter { !d.isEscalation($0) }
        if !escalations.isEmpty {
            out += "\n\(text.bold("Gained through new escalation paths")) (\(escalations.count))\n"
            for x in escalations { out += line(x, in: d.after, "via:") }
        }
        if !plain.isEmpty {
            out += "\n\(text.bold("Gained")) (\(plain.count))\n"
            for x in plain { out += line(x, in: d.after, "via:") }
        }
        if !d.gainedEligible.isEmpty {
            out += "\n\(text.bold("Newly eligible once approved")) (\(d.gainedEligible.count))\n"
            for x in d.gainedEligible { out += line(x, in: d.after, "via:") }
        }
        if !d.lostIdentities.isEmpty { out += "\n  identities no longer reachable: \(d.lostIdentities.joined(separator: ", "))\n" }
        if !d.gainedIdentities.isEmpty { out += "\n  identities newly reachable: \(d.gainedIdentities.joined(separator: ", "))\n" }
        return out
    }

    func whatIf(_ d: RadiusDiff, starts: String, changes: [ModelChange]) -> String {
        var out = "What if \(changes.map(\.description).joined(separator: " ")) — for \(starts) at \(d.before.options.at.iso8601)\n"
        if let p = d.after.startProblem { out += "  after: \(p)\n" }
        if d.after.starts.count < d.before.starts.count { out += "  after: a rotated credential starts nothing\n" }
        out += body(d)
        if d.lost.isEmpty && !d.before.resources.isEmpty { out += "\n  the change cuts nothing: every resource is still reachable\n" }
        return out
    }
}
