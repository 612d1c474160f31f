import BlastAudit
import BlastCore
import BlastImport

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

    enum Key: String, SchemaKey { case version, assertions }
    enum AssertionKey: String, SchemaKey {
        case name, kind, from, to, action, max, criticality, storedIn = "stored_in"
    }

    static func load(_ path: String) throws(CommandFailure) -> Policy {
        try AuditInputs.yaml(path, option: "--policy", policy)
    }

    private static func policy(_ root: NodeReader) throws(ImportError) -> Policy {
        let fields = try root.fields(Key.self)
        if let v = fields[.version], try v.scalar().text != "1" { throw v.error("unsupported version; this blast reads policy version 1") }
        var assertions: [PolicyAssertion] = []
        let list = try fields.required(.assertions, "list of assertions")
        // A gate that checks nothing always passes: an empty list is an error, like a selector
        // that matches nothing.
        guard !(try list.items()).isEmpty else {
            throw list.error("the policy has no assertions; a gate that checks nothing always passes")
        }
        for item in try list.items() {
            let m = try item.fields(AssertionKey.self)
            let kindValue = try m.required(.kind, kinds.joined(separator: " | "))
            let kindName = try kindValue.scalar().text
            func reject(_ keys: [AssertionKey]) throws(ImportError) {
                for k in keys { if let v = m[k] { throw v.error("'\(k.rawValue)' does not apply to \(kindName)") } }
            }
            func string(_ key: AssertionKey, _ what: String) throws(ImportError) -> String {
                try m.required(key, what).scalar().text
            }
            let kind: PolicyAssertion.Kind
            switch kindName {
            case "no-reach":
                try reject([.max, .criticality, .storedIn])
                kind = .noReach(
                    from: StartSelector(try string(.from, "selector")), to: try string(.to, "resource pattern"),
                    action: try m[.action]?.scalar().text)
            case "no-critical":
                try reject([.to, .action, .max, .storedIn])
                var level = Criticality.critical
                if let c = m[.criticality] {
                    guard let l = Criticality(rawValue: try c.scalar().text) else { throw c.error("use critical, high, medium or low") }
                    level = l
                }
                kind = .noCritical(from: StartSelector(try m[.from]?.scalar().text ?? "agents"), atLeast: level)
            case "at-most":
                try reject([.criticality, .storedIn])
                let maxValue = try m.required(.max, "whole number")
                guard let max = Int(try maxValue.scalar().text), max >= 0 else {
                    throw maxValue.error("expected a whole number, 0 or more")
                }
                kind = .atMost(
                    max: max, from: StartSelector(try m[.from]?.scalar().text ?? "identities"),
                    to: try string(.to, "resource pattern"), action: try m[.action]?.scalar().text)
            case "no-path":
                try reject([.from, .action, .max, .criticality])
                kind = .noPath(storedIn: try string(.storedIn, "resource pattern"), to: try string(.to, "resource pattern"))
            default:
                let hint = Suggestion.closest(to: kindName, among: kinds).map { " did you mean '\($0)'?" } ?? ""
                throw kindValue.error("unknown kind \(quoted(kindName));\(hint) use one of \(kinds.joined(separator: ", "))")
            }
            let name = try m[.name]?.scalar().text ?? "\(kindName) #\(assertions.count + 1)"
            assertions.append(PolicyAssertion(name: name, kind: kind, origin: item.location))
        }
        return Policy(assertions: assertions)
    }
}
