import BlastCore
@testable import BlastImport
import BlastTestSupport
import Foundation
import Testing

/// YAML aliases are expanded when read, so their expansion is bounded: a document may hold at
/// most 100,000 nodes plus 10 per byte of its file once every alias is expanded.
@Suite("YAML alias expansion")
struct AliasExpansionTests {
    /// The trial's amplification model (C4): one role whose `allow` list is an anchored statement
    /// `&S` of `actions` actions followed by `copies` aliases `*S`.
    static func amplified(actions: Int, copies: Int) -> String {
        let names = (0..<actions).map { "a\($0)" }.joined(separator: ", ")
        return """
            version: 1
            identities: [{id: u}]
            roles:
              - id: r
                allow:
                  - &S {actions: &A [\(names)], resources: [x]}

            """ + String(repeating: "      - *S\n", count: copies) + "grants: [{to: u, role: r}]\n"
    }

    @Test("the trial's 10,000 × 10,000 alias amplification is refused, naming the alias, its anchor line and the limit")
    func amplificationRefused() throws {
        let text = Self.amplified(actions: 10_000, copies: 10_000)
        let size = text.utf8.count
        let limit = 100_000 + 10 * size
        // Expected before running: file, key path of the first *S, the value's size (the mapping,
        // its 2 keys, the actions list and its 10,000 scalars, the resources list and its 1 = 10,006),
        // the anchor's line (6), the limit and how it is made; code limit-exceeded (exit 65).
        let e = try #require(throws: ImportError.self) { try NativeFormat.decode(text: text, file: "amp.yaml") }
        #expect(e.code == .limitExceeded)
        #expect(
            e.description
                == "amp.yaml: error: roles[0].allow[1]: the alias *S repeats the 10006-node value anchored at line 6, "
                + "and with its other aliases the document would hold more than \(limit) nodes once YAML aliases are expanded "
                + "(the limit is 100000 plus 10 per byte of this \(size)-byte file); write the repeated values out, or split the file")
    }

    @Test("nested aliases that would expand exponentially are measured without expanding them")
    func billionLaughs() throws {
        var lines = ["version: 1", "identities:", "  - id: u", "x0: &x0 [a, a, a, a, a, a, a, a, a, a]"]
        for k in 1...40 { lines.append("x\(k): &x\(k) [" + Array(repeating: "*x\(k - 1)", count: 10).joined(separator: ", ") + "]") }
        let e = try #require(throws: ImportError.self) {
            try NativeFormat.decode(text: lines.joined(separator: "\n") + "\n", file: "lol.yaml")
        }
        #expect(e.code == .limitExceeded)
        #expect(e.file == "lol.yaml")
        #expect(e.message.contains("the alias *x"))
    }

    @Test("a model that shares a statement list through a few aliases still loads")
    func modestAliasesLoad() throws {
        let text = Self.amplified(actions: 20, copies: 20)
        let model = try NativeFormat.decode(text: text, file: "shared.yaml")
        #expect(model.roles.first?.allow.count == 21)
    }

    @Test("a Kubernetes file is bounded the same way, across its documents")
    func kubernetes() throws {
        let names = (0..<2_000).map { "v\($0)" }.joined(separator: ", ")
        let text =
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: r, namespace: a}
            rules:
              - &R {apiGroups: [""], resources: [pods], verbs: [\(names)]}

            """ + String(repeating: "  - *R\n", count: 2_000)
        var context = ImportContext()
        let e = try #require(throws: ImportError.self) {
            try KubernetesFormat.importModel(files: [SourceFile(path: "k.yaml", text: text)], context: &context)
        }
        #expect(e.code == .limitExceeded)
        #expect(e.keyPath == "documents[0].rules[1]")
        #expect(e.message.hasPrefix("the alias *R repeats the "))
    }
}
