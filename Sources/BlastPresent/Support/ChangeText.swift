import BlastCore

/// The text body shared by answers that compare two radii (`what-if`, `diff`): what was cut,
/// what survives (with the surviving path), what was gained, and identities lost or gained.
struct ChangeText {
    let style: TextStyle

    private func line(_ x: Radius.ReachedResource, in r: Radius, _ label: String) -> String {
        let t = style
        let res = r.search.graph.resource(x.resource)
        return
            "  \(t.criticality(res.criticality)) \(res.id)  [\(x.actions.joined(separator: ", "))]\n      \(t.dim(label)) \(t.path(r.path(x.proof)))\n"
    }

    private func summary(_ r: Radius) -> String {
        let g = r.search.graph
        let critical = r.resources.filter { g.resource($0.resource).criticality == .critical }.count
        let t = TextStyle.plain
        return
            "\(t.plural(r.resources.count, "resource")) (\(critical) critical), \(t.plural(r.identities.count, "identity", "identities"))"
    }

    func body(_ d: RadiusDiff, keptLabel: String = "Still reachable", showKept: Bool = true) -> String {
        let t = style
        var out = "  before: \(summary(d.before))\n  after:  \(summary(d.after))\n"
        if !d.lost.isEmpty {
            out += "\n\(t.bold("Cut")) (\(d.lost.count))\n"
            for x in d.lost { out += line(x, in: d.before, "was:") }
        }
        if showKept && !d.kept.isEmpty {
            out += "\n\(t.bold(keptLabel)) (\(d.kept.count))\n"
            for x in d.kept { out += line(x, in: d.after, "via:") }
        }
        let escalations = d.gained.filter(d.isEscalation), plain = d.gained.filter { !d.isEscalation($0) }
        if !escalations.isEmpty {
            out += "\n\(t.bold("Gained through new escalation paths")) (\(escalations.count))\n"
            for x in escalations { out += line(x, in: d.after, "via:") }
        }
        if !plain.isEmpty {
            out += "\n\(t.bold("Gained")) (\(plain.count))\n"
            for x in plain { out += line(x, in: d.after, "via:") }
        }
        if !d.gainedEligible.isEmpty {
            out += "\n\(t.bold("Newly eligible once approved")) (\(d.gainedEligible.count))\n"
            for x in d.gainedEligible { out += line(x, in: d.after, "via:") }
        }
        if !d.lostIdentities.isEmpty { out += "\n  identities no longer reachable: \(d.lostIdentities.joined(separator: ", "))\n" }
        if !d.gainedIdentities.isEmpty { out += "\n  identities newly reachable: \(d.gainedIdentities.joined(separator: ", "))\n" }
        return out
    }
}
