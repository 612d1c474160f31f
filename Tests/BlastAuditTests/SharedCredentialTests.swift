import BlastAudit
import BlastCore
import BlastTestSupport
import Testing

@Suite("lp.shared-credential")
struct SharedCredentialTests {
    @Test("a token in the wiki lists its readers and what they gain, with the pivot path")
    func wikiToken() throws {
        let f = try #require(findings(SharedCredential(), Fixtures.wikiLeaksDeployToken()).first)
        #expect(f.subject == "deploy-token")
        #expect(f.severity == .high)  // dave gains prod/app (high)
        #expect(f.subjects.contains("dave"))
        #expect(f.message.contains("dave +1"))
        #expect(
            describe(f.evidence[0].steps)
                == "dave -member-> engineering -grant-> wiki-reader -allow-> wiki/runbooks/deploy -pivot-> deploy-token -credential-> deploy-bot -grant-> deployer -allow-> prod/app"
        )
    }

    @Test("a credential with no stored copy is not shared")
    func notStored() {
        #expect(findings(SharedCredential(), AuditFixtures.unsharedDeployToken()).isEmpty)
    }

    @Test("an expired stored credential is left to lp.expired-leftover")
    func expired() {
        var m = Fixtures.wikiLeaksDeployToken()
        m.credentials[0].expires = Fixtures.date("2026-01-01")
        #expect(findings(SharedCredential(), m).isEmpty)
    }
}
