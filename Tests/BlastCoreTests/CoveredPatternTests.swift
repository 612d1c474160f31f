import BlastCore
import BlastTestSupport
import Testing

/// Reported action lists leave out the patterns another pattern of the same list covers: the
/// set of allowed actions is the same, and a radius reached through an administrator reads `*`
/// instead of `*` followed by every read-only pattern of the account.
@Suite("Covered action patterns")
struct CoveredPatternTests {
    @Test("`*` covers every other pattern")
    func star() {
        #expect(Pattern.withoutCovered(["*", "* except iam:*", "s3:get*", "s3:getobject"]) == ["*"])
    }

    @Test("`svc:*` covers the patterns whose literal prefix starts with `svc:`, not its neighbours")
    func servicePrefix() {
        #expect(Pattern.withoutCovered(["s3:*", "s3:get*", "s3:getobject", "s3?:x", "sqs:send*"]) == ["s3:*", "s3?:x", "sqs:send*"])
    }

    @Test("a pattern with a wildcard inside, or with except, covers nothing; it can be covered")
    func onlyTrailingStarCovers() {
        #expect(Pattern.withoutCovered(["s3:g?t*", "s3:getobject"]) == ["s3:g?t*", "s3:getobject"])
        #expect(Pattern.withoutCovered(["s3:* except s3:delete*", "s3:getobject"]) == ["s3:* except s3:delete*", "s3:getobject"])
        #expect(Pattern.withoutCovered(["s3:*", "s3:get* except s3:getobject"]) == ["s3:*"])
    }

    @Test("lists without a covering pattern, and one-pattern lists, are unchanged; matching is case-sensitive")
    func unchanged() {
        #expect(Pattern.withoutCovered(["read", "write"]) == ["read", "write"])
        #expect(Pattern.withoutCovered(["S3:*", "s3:getobject"]) == ["S3:*", "s3:getobject"])
        #expect(Pattern.withoutCovered(["s3:get*"]) == ["s3:get*"])
    }

    @Test("a radius reports a resource's union of actions without covered patterns, with and without detail")
    func radiusUnion() {
        let model = Model(
            identities: [Identity(id: "dev"), Identity(id: "admin")],
            roles: [
                Role(id: "reader", allow: [Statement(actions: ["s3:get*", "s3:list*"], resources: ["bucket"])]),
                Role(id: "power", allow: [Statement(actions: ["*", "s3:getobject"], resources: ["bucket"])]),
            ],
            grants: [Grant(to: "dev", role: "reader"), Grant(to: "admin", role: "power")],
            assumes: [Assume(from: "dev", to: "admin")],
            resources: [Resource(id: "bucket")])
        let g = Fixtures.compile(model)
        for detail in [false, true] {
            let r = g.radius(from: g.startFor("dev"), options: Fixtures.options(), detail: detail)
            #expect(r.resources.map(\.actions) == [["*"]])
            #expect(r.resources.first?.access.map(\.actions) == (detail ? [["*"], ["s3:get*", "s3:list*"]] : []))
        }
    }
}
