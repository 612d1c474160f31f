import BlastCore
@testable import BlastImport
import BlastTestSupport
import Foundation
import Testing

/// The sample cluster answers the issue's questions, and the native model written by
/// `blast import k8s` answers them identically.
@Suite("Kubernetes sample cluster")
struct KubernetesSampleTests {
    let direct: ImportedModel
    let graph: AccessGraph

    init() throws {
        direct = try ModelSources.load(paths: [KubernetesSamples.cluster, KubernetesSamples.kubeconfig])
        graph = try AccessGraph.compile(direct.model)
    }

    private func reached(_ from: String, in graph: AccessGraph) throws -> Set<String> {
        let r = graph.radius(from: try graph.start(from: from, mfa: false), options: Fixtures.options())
        return Set(r.identities.map { graph.identities[$0.identity.index].id })
    }

    @Test("the files are recognised as Kubernetes and name the cluster from the kubeconfig")
    func recognised() throws {
        for path in [KubernetesSamples.cluster, KubernetesSamples.kubeconfig] {
            #expect(ModelSources.format(of: try ModelSources.read(path)) == "k8s")
        }
        #expect(direct.model.identities.contains { $0.id == "k8s:prod:sa:ci:builder" })
    }

    @Test("the leaked CI token creates pods in deploy, mounting the deployer account and the cloud key")
    func ciToken() throws {
        let ids = try reached("k8s:prod:kubeconfig:ci-builder", in: graph)
        #expect(ids.contains("k8s:prod:sa:deploy:deployer"))
        #expect(!ids.contains("k8s:prod:cluster-admin"))
        let r = graph.radius(from: try graph.start(from: "k8s:prod:kubeconfig:ci-builder", mfa: false), options: Fixtures.options())
        #expect(r.resources.contains { graph.resources[$0.resource.index].id == "k8s/prod/ns/deploy/secrets/aws-deploy-keys" })
    }

    @Test("the monitoring agent reads the legacy admin token and becomes cluster-admin")
    func monitoring() throws {
        let ids = try reached("k8s:prod:sa:monitoring:prometheus-agent", in: graph)
        #expect(ids.contains("k8s:prod:sa:kube-system:legacy-admin"))
        #expect(ids.contains("k8s:prod:cluster-admin"))
    }

    @Test("developers exec into production pods; the namespace admin binds cluster-admin in her namespace")
    func developersAndNamespaceAdmin() throws {
        #expect(try reached("k8s:prod:member-of:developers", in: graph).contains("k8s:prod:sa:payments:payments-api"))
        #expect(try reached("k8s:prod:user:erin@acme.example", in: graph).contains("k8s:prod:namespace-admin:team-web"))
    }

    @Test("release managers patch one named deployment: its pods run as payments-api, but the baseline namespace keeps them off the host")
    func releaseManagers() throws {
        let ids = try reached("k8s:prod:member-of:release-managers", in: graph)
        #expect(ids.contains("k8s:prod:sa:payments:payments-api"))
        #expect(!ids.contains("k8s:prod:any-node"))
        let start = try graph.start(from: "k8s:prod:member-of:release-managers", mfa: false)
        let account = try #require(graph.element(named: "k8s:prod:sa:payments:payments-api"))
        let steps = try #require(graph.path(from: start, to: account, options: Fixtures.options())?.path)
        #expect(steps.compactMap(\.technique).map { String($0.prefix { $0 != ":" }) } == ["k8s.workload-template-rewrite"])
    }

    @Test("the sample's notes: the dangling binding, the unmodelled kind, the unresolved AWS links")
    func notes() {
        let messages = direct.notes.map(\.message)
        #expect(messages.contains { $0.contains("dangling binding: 'payments-auditors'") })
        #expect(messages.contains { $0.contains("'NetworkPolicy'") })
        #expect(messages.contains { $0.contains("arn:aws:iam::111111111111:role/deploy") })
    }

    @Test("the model written by blast import gives identical answers")
    func importedModelAnswersIdentically() throws {
        let written = ModelWriter.yaml(direct.model)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("k8s-\(UUID().uuidString).yaml").path
        try written.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reloaded = try ModelSources.load(paths: [path])
        let again = try AccessGraph.compile(reloaded.model)
        let starts = [
            "k8s:prod:kubeconfig:ci-builder", "k8s:prod:sa:monitoring:prometheus-agent",
            "k8s:prod:member-of:developers", "k8s:prod:user:erin@acme.example", "k8s:prod:sa:kube-system:csr-approver",
        ]
        for start in starts {
            #expect(try answers(start, graph) == answers(start, again), "\(start)")
        }
    }

    /// Everything a radius says, origins aside: identities, credentials and resources with hops,
    /// actions and path edges.
    private func answers(_ start: String, _ g: AccessGraph) throws -> [String] {
        let r = g.radius(from: try g.start(from: start, mfa: false), options: Fixtures.options())
        func steps(_ p: [PathStep]) -> String {
            p.map { "\($0.from) -\($0.edge.rawValue)\($0.technique.map { "[\($0)]" } ?? "")-> \($0.to)" }.joined(separator: " ")
        }
        var out: [String] = []
        for i in r.identities { out.append("identity \(g.identities[i.identity.index].id) \(i.hops) \(steps(r.path(i.proof)))") }
        for c in r.credentials { out.append("credential \(g.credentials[c.credential.index].id) \(c.hops) \(steps(r.path(c.proof)))") }
        for x in r.resources {
            out.append("resource \(g.resources[x.resource.index].id) \(x.hops) \(x.actions) \(steps(r.path(x.proof)))")
        }
        return out
    }

    @Test("the model written from the Kubernetes and AWS exports together gives identical answers")
    func importedCombinedModelAnswersIdentically() throws {
        let aws = KubernetesSamples.aws
        try #require(!aws.isEmpty)
        let both = try ModelSources.load(paths: [KubernetesSamples.cluster, KubernetesSamples.kubeconfig] + aws)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("k8s-aws-\(UUID().uuidString).yaml").path
        try ModelWriter.yaml(both.model).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let g = try AccessGraph.compile(both.model)
        let again = try AccessGraph.compile(try ModelSources.load(paths: [path]).model)
        for start in ["k8s:prod:kubeconfig:ci-builder", "k8s:prod:member-of:developers"] {
            #expect(try answers(start, g) == answers(start, again), "\(start)")
        }
    }

    @Test("with the AWS export loaded, the deployer account assumes its IAM role")
    func withAWS() throws {
        let aws = KubernetesSamples.aws
        try #require(!aws.isEmpty)
        let both = try ModelSources.load(paths: [KubernetesSamples.cluster, KubernetesSamples.kubeconfig] + aws)
        #expect(
            both.model.assumes.contains { $0.from == "k8s:prod:sa:deploy:deployer" && $0.to == "arn:aws:iam::111111111111:role/deploy" })
        let g = try AccessGraph.compile(both.model)
        let ids = try reached("k8s:prod:kubeconfig:ci-builder", in: g)
        #expect(ids.contains("arn:aws:iam::111111111111:role/deploy"))
        #expect(ids.contains("arn:aws:iam::222222222222:user/ci/ci-deployer"))
        #expect(!both.notes.contains { $0.message.contains("arn:aws:iam::111111111111:role/deploy") })
    }
}
