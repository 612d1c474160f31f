import BlastCore

/// Writes a `Model` as native-schema JSON, one element per line: fast for large generated
/// models, deterministic, and readable by `ModelSources` (and `NativeFormat.decode`).
public enum ModelJSONWriter {
    /// - Complexity: O(n) in the size of the model.
    public static func json(_ model: Model) -> String {
        var out = "{\"version\": 1"
        func section<T>(_ name: String, _ items: [T], _ write: (T, inout String) -> Void) {
            guard !items.isEmpty else { return }
            out += ",\n\"\(name)\": [\n"
            for (k, item) in items.enumerated() {
                write(item, &out)
                out += k + 1 < items.count ? ",\n" : "\n"
            }
            out += "]"
        }
        section("identities", model.identities) { i, o in
            o += "{\"id\": \(q(i.id))"
            if i.kind != .human { o += ", \"type\": \(q(i.kind.rawValue))" }
            if let r = i.resource { o += ", \"resource\": \(q(r))" }
            o += "}"
        }
        section("credentials", model.credentials) { c, o in
            o += "{\"id\": \(q(c.id)), \"of\": \(q(c.of))"
            if c.mfa { o += ", \"mfa\": true" }
            if !c.storedIn.isEmpty { o += ", \"stored_in\": \(list(c.storedIn))" }
            if let d = c.created { o += ", \"created\": \(date(d))" }
            if let d = c.lastUsed { o += ", \"last_used\": \(date(d))" }
            if let d = c.expires { o += ", \"expires\": \(date(d))" }
            o += "}"
        }
        section("groups", model.groups) { g, o in o += "{\"id\": \(q(g.id)), \"members\": \(list(g.members))}" }
        section("roles", model.roles) { r, o in
            func statements(_ s: [Statement]) -> String {
                "["
                    + s.map { st in
                        var t = "{\"actions\": \(list(st.actions)), \"resources\": \(list(st.resources))"
                        if !st.exceptActions.isEmpty { t += ", \"except_actions\": \(list(st.exceptActions))" }
                        if !st.exceptResources.isEmpty { t += ", \"except_resources\": \(list(st.exceptResources))" }
                        return t + "}"
                    }.joined(separator: ", ") + "]"
            }
            o += "{\"id\": \(q(r.id))"
            if !r.allow.isEmpty { o += ", \"allow\": \(statements(r.allow))" }
            if !r.deny.isEmpty { o += ", \"deny\": \(statements(r.deny))" }
            o += "}"
        }
        section("grants", model.grants) { g, o in
            o += "{\"to\": \(q(g.to)), \"role\": \(q(g.role))"
            if let s = g.scope { o += ", \"scope\": \(q(s))" }
            terms(g.terms, &o)
            if let d = g.reviewed { o += ", \"reviewed\": \(date(d))" }
            o += "}"
        }
        section("assumes", model.assumes) { a, o in
            o += "{\"from\": \(q(a.from)), \"to\": \(q(a.to))"
            terms(a.terms, &o)
            o += "}"
        }
        section("resources", model.resources) { r, o in
            o += "{\"id\": \(q(r.id))"
            if r.criticality != .low { o += ", \"criticality\": \(q(r.criticality.rawValue))" }
            o += "}"
        }
        section("escalations", model.escalations) { e, o in
            let requires = e.requires.map { "{\"action\": \(q($0.action)), \"resource\": \(q($0.resource))}" }.joined(separator: ", ")
            o += "{\"technique\": \(q(e.technique)), \"requires\": [\(requires)], \"to\": \(q(e.to))"
            if let from = e.from { o += ", \"from\": \(q(from))" }
            terms(e.terms, &o)
            o += "}"
        }
        if model.takeoverActions != Model.defaultTakeoverActions { out += ",\n\"takeover_actions\": \(list(model.takeoverActions))" }
        if model.revealActions != Model.defaultRevealActions { out += ",\n\"reveal_actions\": \(list(model.revealActions))" }
        return out + "\n}\n"
    }

    private static func terms(_ t: Terms, _ o: inout String) {
        if let d = t.notBefore { o += ", \"not_before\": \(date(d))" }
        if let d = t.expires { o += ", \"expires\": \(date(d))" }
        if t.approval { o += ", \"approval\": true" }
        if t.mfa { o += ", \"mfa\": true" }
        if let c = t.condition { o += ", \"condition\": \(q(c))" }
    }

    private static func date(_ i: Instant) -> String {
        q(i.iso8601.hasSuffix("T00:00:00Z") ? i.isoDate : i.iso8601)
    }

    private static func list(_ items: [String]) -> String { "[" + items.map(q).joined(separator: ", ") + "]" }

    /// A JSON string literal.
    static func q(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
