import BlastCore
import BlastImport
import BlastTestSupport
import Testing

@Suite("Queries on the Acme sample")
struct QueryTests {
    let graph: AccessGraph = {
        do {
            return try AccessGraph.compile(ModelSources.load(paths: [Fixtures.acmePath]).model)
        } catch {
            preconditionFailure("the sample must load: \(error)")
        }
    }()
    let options = Fixtures.options()

    @Test("who-can agrees with every identity's and credential's radius, hop for hop")
    func whoCanMatchesRadius() {
        for r in graph.resources.indices where graph.resources[r].criticality >= .high {
            let resource = ResourceID(r)
            let who = graph.whoCan(reach: resource, action: nil, options: options)
            var expected: [String: Int] = [:]
            for i in graph.identities.indices {
                let radius = graph.radius(from: .session(Session(identity: IdentityID(i), mfa: false)), options: options)
                if let x = radius.resources.first(where: { $0.resource == resource }) { expected[graph.identities[i].id] = x.hops }
            }
            let got = Dictionary(uniqueKeysWithValues: who.identities.map { (graph.identities[$0.identity.index].id, $0.entry.hops) })
            #expect(got == expected, "who-can \(graph.resources[r].id)")
            for (_, e) in who.identities {
                #expect(who.path(e).count == e.hops)
                #expect(who.path(e).last?.to == graph.resources[r].id)
            }
        }
    }

    @Test("who-can --action agrees with can for every credential")
    func whoCanActionMatchesCan() {
        let resource = graph.resourceFor("prod/db/customers")
        let who = graph.whoCan(reach: resource, action: "read", options: options)
        let listed = Set(who.credentials.map { graph.credentials[$0.credential.index].id })
        for c in graph.credentials.indices {
            let allowed = graph.can(from: .credential(CredentialID(c)), action: "read", on: resource, options: options).allowed
            #expect(listed.contains(graph.credentials[c].id) == allowed, "\(graph.credentials[c].id)")
        }
    }

    @Test("every path has as many steps as its hops and chains end to start")
    func pathsAreChained() {
        for c in graph.credentials.indices {
            let r = graph.radius(from: .credential(CredentialID(c)), options: options)
            for x in r.resources {
                let steps = r.path(x.proof)
                #expect(steps.count == x.hops)
                #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.to == $1.from })
                #expect(steps.first?.from == graph.credentials[c].id)
            }
        }
    }

    @Test("path finds the shortest way to a resource and reports none when there is none")
    func pathQuery() throws {
        let reach = graph.path(from: graph.startFor("dave"), to: .resource(graph.resourceFor("prod/app/web")), options: options)
        #expect(reach?.path.contains { $0.edge == .pivot } == true)
        let none = graph.path(
            from: graph.startFor("summarizer-key"), to: .resource(graph.resourceFor("prod/db/customers")), options: options)
        #expect(none == nil)
    }

    @Test("the summariser agent reads tickets but cannot close them; the remediator closes only once approved")
    func agents() {
        let tickets = graph.resourceFor("tickets/support")
        #expect(graph.can(from: graph.startFor("summarizer-key"), action: "read", on: tickets, options: options).allowed)
        let close = graph.can(from: graph.startFor("summarizer-key"), action: "close", on: tickets, options: options)
        #expect(!close.allowed && close.onceApproved == nil)
        let remediator = graph.can(from: graph.startFor("remediator-key"), action: "close", on: tickets, options: options)
        #expect(!remediator.allowed && remediator.onceApproved != nil)
    }
}
