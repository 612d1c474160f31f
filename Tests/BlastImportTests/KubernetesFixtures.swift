import BlastCore
@testable import BlastImport
import BlastTestSupport
import Foundation
import Testing

/// A Kubernetes export imported and compiled, with the questions the tests ask of it.
/// The cluster is named `cluster` (no kubeconfig), so ids read `k8s:cluster:sa:<ns>:<name>`.
struct KubernetesCluster {
    let model: Model
    let notes: [ImportNote]
    let graph: AccessGraph

    init(_ yaml: String, file: String = "cluster.yaml", declared: Set<String> = []) throws {
        var context = ImportContext()
        context.declaredIDs = declared
        model = try KubernetesFormat.importModel(files: [SourceFile(path: file, text: yaml)], context: &context)
        notes = context.notes
        graph = try AccessGraph.compile(model)
    }

    static func sa(_ namespace: String, _ name: String) -> String { "k8s:cluster:sa:\(namespace):\(name)" }
    static func user(_ name: String) -> String { "k8s:cluster:user:\(name)" }
    static func resource(_ namespace: String, _ type: String, _ name: String? = nil) -> String {
        "k8s/cluster/ns/\(namespace)/\(type)" + (name.map { "/\($0)" } ?? "")
    }

    /// Whether `who` (an identity or credential) may do `action` on `resource`, directly or by moving.
    func can(_ who: String, _ action: String, on resource: String) throws -> Bool {
        guard case .resource(let r) = graph.element(named: resource) else {
            Issue.record("'\(resource)' is not a resource of the model")
            return false
        }
        return graph.can(from: try graph.start(from: who, mfa: false), action: action, on: r, options: Fixtures.options()).allowed
    }

    /// Whether `who` reaches the identity or credential `target`.
    func reaches(_ who: String, _ target: String) throws -> Bool {
        try path(who, to: target) != nil
    }

    /// The explanation path from `who` to `target`, or nil when unreachable.
    func path(_ who: String, to target: String) throws -> [PathStep]? {
        guard let element = graph.element(named: target) else { return nil }
        return graph.path(from: try graph.start(from: who, mfa: false), to: element, options: Fixtures.options())?.path
    }

    /// The techniques of the escalate steps on the way to `target`.
    func techniques(_ who: String, to target: String) throws -> [String] {
        try path(who, to: target)?.compactMap { $0.technique.map { String($0.prefix { $0 != ":" }) } } ?? []
    }
}

extension KubernetesCluster {
    /// The service account the `attacking` clusters start from.
    static let attacker = sa("a", "attacker")

    /// A ClusterRole `attack` holding `rules`, bound to `a/attacker` by a RoleBinding in `a`
    /// (`cluster: true`: a ClusterRoleBinding), plus `extra` objects.
    static func attacking(_ rules: [String], cluster: Bool = false, _ extra: [String]) throws -> KubernetesCluster {
        try KubernetesCluster(
            ([
                KubernetesYAML.role(nil, "attack", rules),
                KubernetesYAML.binding(cluster ? nil : "a", "attack", role: "attack", [KubernetesYAML.saSubject("a", "attacker")]),
            ] + extra)
            .joined(separator: "\n---\n"))
    }
}

/// YAML builders for the objects the tests need; each returns one document.
enum KubernetesYAML {
    static func namespace(_ name: String, enforce: String? = nil) -> String {
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: \(name)
          labels:
            kubernetes.io/metadata.name: \(name)
        \(enforce.map { "    pod-security.kubernetes.io/enforce: \($0)" } ?? "")
        spec:
          finalizers: [kubernetes]
        status:
          phase: Active
        """
    }

    /// A controller (`Deployment`, `StatefulSet`, `DaemonSet`, `ReplicaSet` in `apps/v1`; `Job`,
    /// `CronJob` in `batch/v1`) whose pods run as `serviceAccount`.
    static func workload(_ kind: String, _ namespace: String, _ name: String, serviceAccount: String) -> String {
        let pod = """
                metadata:
                  labels: {app: \(name)}
                spec:
                  serviceAccountName: \(serviceAccount)
                  containers: [{name: app, image: "registry.example/\(name):1.4.2"}]
            """
        let spec: String
        switch kind {
        case "CronJob":
            spec =
                "  schedule: \"0 3 * * *\"\n  jobTemplate:\n    spec:\n      template:\n"
                + pod.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        case "Job":
            spec = "  template:\n" + pod
        default:
            spec = "  selector: {matchLabels: {app: \(name)}}\n  template:\n" + pod
        }
        return """
            apiVersion: \(kind == "Job" || kind == "CronJob" ? "batch/v1" : "apps/v1")
            kind: \(kind)
            metadata:
              name: \(name)
              namespace: \(namespace)
            spec:
            \(spec)
            """
    }

    static func serviceAccount(
        _ namespace: String, _ name: String, annotations: [String: String] = [:],
        automount: Bool? = nil
    ) -> String {
        let notes =
            annotations.isEmpty
            ? ""
            : "\n  annotations: {"
                + annotations.sorted { $0.key < $1.key }
                .map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ") + "}"
        return """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: \(name)
              namespace: \(namespace)\(notes)
            \(automount.map { "automountServiceAccountToken: \($0)" } ?? "")
            """
    }

    /// A Role (namespace given) or ClusterRole (nil) with rules written as YAML flow mappings.
    static func role(_ namespace: String?, _ name: String, _ rules: [String], labels: String? = nil) -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: \(namespace == nil ? "ClusterRole" : "Role")
        metadata:
          name: \(name)
        \(namespace.map { "  namespace: \($0)" } ?? "")
        \(labels.map { "  labels: \($0)" } ?? "")
        rules:
        \(rules.map { "  - \($0)" }.joined(separator: "\n"))
        """
    }

    /// A RoleBinding (namespace given) or ClusterRoleBinding (nil); subjects as YAML flow mappings.
    static func binding(
        _ namespace: String?, _ name: String, roleKind: String = "ClusterRole", role: String,
        _ subjects: [String]
    ) -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: \(namespace == nil ? "ClusterRoleBinding" : "RoleBinding")
        metadata:
          name: \(name)
        \(namespace.map { "  namespace: \($0)" } ?? "")
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: \(roleKind), name: \(role)}
        subjects:
        \(subjects.map { "  - \($0)" }.joined(separator: "\n"))
        """
    }

    static func saSubject(_ namespace: String, _ name: String) -> String {
        "{kind: ServiceAccount, name: \(name), namespace: \(namespace)}"
    }

    static func pod(
        _ namespace: String, _ name: String, serviceAccount: String, node: String? = nil,
        automount: Bool? = nil, phase: String? = nil
    ) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          serviceAccountName: \(serviceAccount)
        \(node.map { "  nodeName: \($0)" } ?? "")
        \(automount.map { "  automountServiceAccountToken: \($0)" } ?? "")
          containers: [{name: app, image: app:1}]
        \(phase.map { "status: {phase: \($0)}" } ?? "")
        """
    }

    static func secret(
        _ namespace: String, _ name: String, type: String = "Opaque", annotations: [String: String] = [:],
        labels: [String: String] = [:]
    ) -> String {
        func map(_ key: String, _ values: [String: String]) -> String {
            values.isEmpty
                ? ""
                : "\n  \(key): {" + values.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ") + "}"
        }
        return """
            apiVersion: v1
            kind: Secret
            metadata:
              name: \(name)
              namespace: \(namespace)\(map("annotations", annotations))\(map("labels", labels))
            type: \(type)
            """
    }

    /// A legacy token secret of `account`, as the token controller filled it.
    static func tokenSecret(_ namespace: String, _ name: String, of account: String, labels: [String: String] = [:]) -> String {
        secret(
            namespace, name, type: "kubernetes.io/service-account-token",
            annotations: ["kubernetes.io/service-account.name": account], labels: labels)
    }

    static func node(_ name: String) -> String {
        "apiVersion: v1\nkind: Node\nmetadata: {name: \(name)}"
    }

    /// Documents joined into one multi-document file.
    static func file(_ documents: String...) -> String {
        documents.joined(separator: "\n---\n")
    }
}

/// The sample files of the repository.
enum KubernetesSamples {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var cluster: String { "\(root)/samples/k8s/cluster.yaml" }
    static var kubeconfig: String { "\(root)/samples/k8s/kubeconfig-ci.yaml" }
    static var aws: [String] {
        let dir = "\(root)/samples/aws"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.sorted().map { "\(dir)/\($0)" }
    }
}
