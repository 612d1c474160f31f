import BlastCore
import BlastTestSupport
import Testing

/// A resource pattern covers the declared resources whose id, or an ancestor of whose id (cut at
/// `/`, declared or not), it matches. Patterns ending in a literal with many candidates (one
/// `arn:aws:iam::*:user/NAME` per user of a `${aws:username}` policy) are looked up by their
/// suffix instead of scanning every key under the literal prefix: the covered set must not change.
@Suite("Resource pattern coverage")
struct ResourcePatternCoverageTests {
    /// 400 ids under two accounts, some nested under an undeclared `team` ancestor.
    static let ids: [String] =
        (0..<120).map { "arn:aws:iam::111122223333:user/u\($0)" } + (0..<120).map { "arn:aws:iam::444455556666:user/team/u\($0)" }
        + (0..<80).map { "arn:aws:iam::111122223333:role/r\($0)" } + (0..<80).map { "arn:aws:s3:::b\($0 % 20)/obj\($0)" }

    static let patterns = [
        "arn:aws:iam::*:user/u7", "arn:aws:iam::*:user/team/u1?", "arn:aws:iam::*:user/team", "arn:aws:s3:::b*/obj3",
        "arn:aws:iam::1?1122223333:user/u2*5", "arn:aws:iam::*:role/r7?", "arn:aws:*/u1", "arn:aws:iam::*:user/nobody",
        "arn:aws:iam::*/team/u0", "arn:aws:s3:::b1?", "arn:aws:iam::*:user/*", "arn:aws:iam::*",
    ]

    /// What the pattern covers by the definition: the ids it or an ancestor of them matches.
    static func expected(_ pattern: String) -> [String] {
        let p = Pattern(pattern)
        return ids.filter { id in
            var prefix = Substring(id)
            while true {
                if p.matches(String(prefix)) { return true }
                guard let cut = prefix.lastIndex(of: "/") else { return false }
                prefix = prefix[..<cut]
            }
        }.sorted()
    }

    @Test("each pattern covers exactly the ids it or their ancestors match", arguments: patterns)
    func coverage(pattern: String) {
        let model = Model(
            identities: [Identity(id: "someone")],
            roles: [Role(id: "r", allow: [Statement(actions: ["read"], resources: [pattern])])],
            grants: [Grant(to: "someone", role: "r")],
            resources: ResourcePatternCoverageTests.ids.map { Resource(id: $0) })
        let g = Fixtures.compile(model)
        let grant = g.grantIDs[0]
        let statement = g.allowStatements(of: grant).lowerBound
        let covered = g.resources(in: g.coverage(of: statement, under: grant)) { _ in true }.map { g.resource($0).id }.sorted()
        #expect(covered == ResourcePatternCoverageTests.expected(pattern))
    }
}
