import BlastAudit
import BlastCore

/// Reads a check policy (YAML) into a `Policy`; see docs/audit.md for the schema.
///
///     version: 1
///     assertions:
///       - name: no credential writes the production database
///         kind: no-reach          # no-reach | no-critical | at-most | no-path
///         from: credentials       # credentials | identities | humans | services | agents | workloads | id pattern
///         to: prod/db             # resource pattern; covers the subtree
///         action: write           # optional concrete action
enum CheckPolicyFile {
    static let kinds = ["no-reach", "no-critical", "at-most", "no-path"]

    static func load(_ path: String) throws(CommandFailure) -> Policy {
        let doc = try AuditYAML(path: path, text: AuditInputs.read(path, option: "--policy"))
        let root = try doc.root.mapping(allowed: ["version", "assertions"])
        if let v = root["version"], try v.string() != "1" { throw v.error("unsupported version; this blast reads policy version 1") }
        var assertions: [PolicyAssertion] = []
        for item in try root.required("assertions").items() {
            let m = try item.mapping(allowed: ["name", "kind", "from", "to", "action", "max", "criticality", "stored_in"])
            let kindValue = try m.required("kind")
            let kindName = try kindValue.string()
            func reject(_ keys: [String]) throws(CommandFailure) {
                for k in keys { if let v = m[k] { throw v.error("'\(k)' does not apply to \(kindName)") } }
            }
            let kind: PolicyAssertion.Kind
            switch kindName {
            case "no-reach":
                try reject(["max", "criticality", "stored_in"])
                kind = .noReach(from: StartSelector(try m.required("from").string()), to: try m.required("to").string(),
                                action: try m["action"]?.string())
            case "no-critical":
                try reject(["to", "action", "max", "stored_in"])
                var level = Criticality.critical
                if let c = m["criticality"] {
                    guard let l = Criticality(rawValue: try c.string()) else { throw c.error("use critical, high, medium or low") }
                    level = l
                }
                kind = .noCritical(from: StartSelector(try m["from"]?.string() ?? "agents"), atLeast: level)
            case "at-most":
                try reject(["criticality", "stored_in"])
                kind = .atMost(max: try m.required("max").int(), from: StartSelector(try m["from"]?.string() ?? "identities"),
                               to: try m.required("to").string(), action: try m["action"]?.string())
            case "no-path":
                try reject(["from", "action", "max", "criticality"])
                kind = .noPath(storedIn: try m.required("stored_in").string(), to: try m.required("to").string())
            default:
                let hint = Suggestion.closest(to: kindName, among: kinds).map { " did you mean '\($0)'?" } ?? ""
                throw kindValue.error("unknown kind '\(kindName)';\(hint) use one of \(kinds.joined(separator: ", "))")
            }
            let name = try m["name"]?.string() ?? "\(kindName) #\(assertions.count + 1)"
            assertions.append(PolicyAssertion(name: name, kind: kind, origin: item.location))
        }
        return Policy(assertions: assertions)
    }
}
