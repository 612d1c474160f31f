import BlastCore
import Yams

/// One Kubernetes object as written in an export or manifest: the fields RBAC analysis needs,
/// each still the scalar text written, with its place. Fields not listed are ignored (objects
/// carry many); shapes are checked (a list where a mapping belongs is an error naming the key path).
///
/// `KubernetesMapping` turns these into a `Model`.
struct RawKubernetesObject {
    var kind: RawScalar
    var metadata: RawObjectMetadata
    /// The object (its key path names the object: `documents[0].items[4](ci/builder)`).
    var at: SourceLocation
    var body: Body

    /// The kinds whose content the mapping uses; other known kinds are declared as resources only.
    enum Body {
        case role(RawRole)
        case binding(RawBinding)
        case serviceAccount(RawServiceAccount)
        case pod(RawPodSpec)
        case secret(RawSecret)
        case namespace
        case node
        case kubeconfig(RawKubeconfig)
        /// A kind with a resource type (`Deployment`, `ConfigMap`…): declared, not analysed.
        case plain(type: String)
        /// A kind `blast` does not model.
        case unknown
    }

    enum Key: String, SchemaKey {
        case apiVersion, kind, metadata, rules, aggregationRule, roleRef, subjects, spec, status, type
        case automountServiceAccountToken, secrets
        case currentContext = "current-context", contexts, users
    }

    /// Reads the object at `reader` (a mapping with `kind`).
    init(_ reader: NodeReader) throws(ImportError) {
        let fields = try reader.mapping(Key.self)
        kind = try fields.required(.kind, "object kind").scalar()
        metadata = try fields[.metadata].map(RawObjectMetadata.init) ?? RawObjectMetadata()
        // Name the object in every key path below it, so origins say which object they come from.
        let label = metadata.namespace.map { "\($0.text)/" } ?? ""
        let named = NodeReader(
            node: reader.node, file: reader.file,
            keyPath: reader.keyPath + (metadata.name.map { "(\(label)\($0.text))" } ?? ""))
        let f = try named.mapping(Key.self)
        at = named.location
        switch kind.text {
        case "Role", "ClusterRole":
            body = .role(try RawRole(f))
        case "RoleBinding", "ClusterRoleBinding":
            body = .binding(try RawBinding(f, owner: named))
        case "ServiceAccount":
            body = .serviceAccount(RawServiceAccount(automount: try f[.automountServiceAccountToken]?.scalar()))
        case "Pod":
            var pod = try f[.spec].map(RawPodSpec.init) ?? RawPodSpec()
            pod.phase =
                try f[.status].map { (r: NodeReader) throws(ImportError) in try r.mapping(RawPodSpec.StatusKey.self)[.phase]?.scalar() }
                ?? nil
            body = .pod(pod)
        case "Secret":
            body = .secret(RawSecret(type: try f[.type]?.scalar()))
        case "Namespace":
            body = .namespace
        case "Node":
            body = .node
        case "Config":
            body = .kubeconfig(try RawKubeconfig(f))
        default:
            if let type = KubernetesCatalog.kindTypes[kind.text] { body = .plain(type: type) } else { body = .unknown }
        }
    }
}

/// `metadata`: name, namespace, labels, annotations.
struct RawObjectMetadata {
    var name: RawScalar?
    var namespace: RawScalar?
    var labels: [String: RawScalar] = [:]
    var annotations: [String: RawScalar] = [:]
    var creationTimestamp: RawScalar?

    enum Key: String, SchemaKey { case name, namespace, labels, annotations, creationTimestamp }

    init() {}

    init(_ reader: NodeReader) throws(ImportError) {
        let f = try reader.mapping(Key.self)
        // An empty name is no name (Kubernetes allows none): the object is noted and ignored,
        // never given an id ending in ':'.
        name = try f[.name]?.scalar()
        if name?.text.isEmpty == true { name = nil }
        namespace = try f[.namespace]?.scalar()
        if namespace?.text.isEmpty == true { namespace = nil }  // as the API server reads it: the default namespace
        labels = try f[.labels]?.stringMap() ?? [:]
        annotations = try f[.annotations]?.stringMap() ?? [:]
        creationTimestamp = try f[.creationTimestamp]?.scalar()
    }
}

/// A Role or ClusterRole: its rules and, for a ClusterRole, its aggregation selectors.
struct RawRole {
    var rules: [RawPolicyRule]
    var aggregation: [RawLabelSelector]

    enum AggregationKey: String, SchemaKey { case clusterRoleSelectors }

    init(_ f: Fields<RawKubernetesObject.Key>) throws(ImportError) {
        rules = try f[.rules]?.list(RawPolicyRule.init) ?? []
        if let agg = f[.aggregationRule] {
            aggregation = try agg.mapping(AggregationKey.self)[.clusterRoleSelectors]?.list(RawLabelSelector.init) ?? []
        } else {
            aggregation = []
        }
    }
}

/// One rule of a role.
struct RawPolicyRule {
    var apiGroups: [RawScalar]
    var resources: [RawScalar]
    var resourceNames: [RawScalar]
    var verbs: [RawScalar]
    var nonResourceURLs: [RawScalar]
    var at: SourceLocation

    enum Key: String, SchemaKey { case apiGroups, resources, resourceNames, verbs, nonResourceURLs }

    init(_ reader: NodeReader) throws(ImportError) {
        let f = try reader.mapping(Key.self)
        apiGroups = try f[.apiGroups]?.scalars() ?? []
        resources = try f[.resources]?.scalars() ?? []
        resourceNames = try f[.resourceNames]?.scalars() ?? []
        verbs = try f.required(.verbs, "list of verbs").scalars()
        nonResourceURLs = try f[.nonResourceURLs]?.scalars() ?? []
        at = reader.location
    }
}

/// A label selector of an aggregation rule.
struct RawLabelSelector {
    struct Expression {
        var key: RawScalar
        var op: RawScalar
        var values: [RawScalar]
    }

    var matchLabels: [String: RawScalar]
    var matchExpressions: [Expression]

    enum Key: String, SchemaKey { case matchLabels, matchExpressions }
    enum ExpressionKey: String, SchemaKey { case key, `operator`, values }

    init(_ reader: NodeReader) throws(ImportError) {
        let f = try reader.mapping(Key.self)
        matchLabels = try f[.matchLabels]?.stringMap() ?? [:]
        matchExpressions =
            try f[.matchExpressions]?.list { (r: NodeReader) throws(ImportError) -> Expression in
                let e = try r.mapping(ExpressionKey.self)
                return Expression(
                    key: try e.required(.key, "label key").scalar(),
                    op: try e.required(.operator, "In, NotIn, Exists or DoesNotExist").scalar(),
                    values: try e[.values]?.scalars() ?? [])
            } ?? []
    }

    /// Whether the labels satisfy every requirement (an empty selector matches nothing, as the
    /// aggregation controller treats it).
    func matches(_ labels: [String: RawScalar]) throws(ImportError) -> Bool {
        if matchLabels.isEmpty && matchExpressions.isEmpty { return false }
        for (k, v) in matchLabels where labels[k]?.text != v.text { return false }
        for e in matchExpressions {
            let value = labels[e.key.text]?.text
            let values = Set(e.values.map(\.text))
            switch e.op.text {
            case "In": if value.map({ !values.contains($0) }) ?? true { return false }
            case "NotIn": if let value, values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default:
                throw ImportError(
                    .badValue, "\(quoted(e.op.text)) is not a label selector operator; use In, NotIn, Exists or DoesNotExist", at: e.op.at)
            }
        }
        return true
    }
}

/// A RoleBinding or ClusterRoleBinding.
struct RawBinding {
    struct Subject {
        var kind: RawScalar
        var name: RawScalar
        var namespace: RawScalar?
        var at: SourceLocation
    }

    var roleKind: RawScalar
    var roleName: RawScalar
    var roleRefAt: SourceLocation
    var subjects: [Subject]

    enum RoleRefKey: String, SchemaKey { case apiGroup, kind, name }
    enum SubjectKey: String, SchemaKey { case apiGroup, kind, name, namespace }

    init(_ f: Fields<RawKubernetesObject.Key>, owner: NodeReader) throws(ImportError) {
        let ref = try f.required(.roleRef, "roleRef mapping")
        let r = try ref.mapping(RoleRefKey.self)
        roleKind = try r.required(.kind, "Role or ClusterRole").scalar()
        roleName = try r.required(.name, "role name").scalar()
        roleRefAt = ref.location
        subjects =
            try f[.subjects]?.list { (s: NodeReader) throws(ImportError) -> Subject in
                let sf = try s.mapping(SubjectKey.self)
                return Subject(
                    kind: try sf.required(.kind, "User, Group or ServiceAccount").scalar(),
                    name: try sf.required(.name, "subject name").scalar(),
                    namespace: try sf[.namespace]?.scalar(), at: s.location)
            } ?? []
    }
}

struct RawServiceAccount {
    var automount: RawScalar?
}

/// The parts of a pod spec (and its status) that decide what it exposes.
struct RawPodSpec {
    var serviceAccountName: RawScalar?
    var nodeName: RawScalar?
    var automount: RawScalar?
    /// `status.phase`: a `Succeeded` or `Failed` pod runs no container to exec or attach into.
    var phase: RawScalar?

    enum Key: String, SchemaKey { case serviceAccountName, serviceAccount, nodeName, automountServiceAccountToken }
    enum StatusKey: String, SchemaKey { case phase }

    /// Whether every container of the pod has terminated for good (`status.phase` `Succeeded` or `Failed`).
    var isFinished: Bool { phase?.text == "Succeeded" || phase?.text == "Failed" }

    init() {}

    init(_ reader: NodeReader) throws(ImportError) {
        let f = try reader.mapping(Key.self)
        serviceAccountName = try (f[.serviceAccountName] ?? f[.serviceAccount])?.scalar()
        nodeName = try f[.nodeName]?.scalar()
        automount = try f[.automountServiceAccountToken]?.scalar()
    }
}

struct RawSecret {
    var type: RawScalar?
}

/// A kubeconfig (`kind: Config`): its current context names the cluster; its users may carry
/// bearer tokens.
struct RawKubeconfig {
    struct User {
        var name: RawScalar
        var token: RawScalar?
        var at: SourceLocation
    }

    var currentContext: RawScalar?
    /// Context name → cluster name.
    var contexts: [String: RawScalar]
    var users: [User]

    enum NamedKey: String, SchemaKey { case name, context, user }
    enum ContextKey: String, SchemaKey { case cluster, user, namespace }
    enum UserKey: String, SchemaKey { case token }

    init(_ f: Fields<RawKubernetesObject.Key>) throws(ImportError) {
        currentContext = try f[.currentContext]?.scalar()
        var contexts: [String: RawScalar] = [:]
        for item in try f[.contexts]?.items() ?? [] {
            let c = try item.mapping(NamedKey.self)
            let name = try c.required(.name, "context name").scalar()
            if let ctx = c[.context], let cluster = try ctx.mapping(ContextKey.self)[.cluster]?.scalar() {
                contexts[name.text] = cluster
            }
        }
        self.contexts = contexts
        users =
            try f[.users]?.list { (item: NodeReader) throws(ImportError) -> User in
                let u = try item.mapping(NamedKey.self)
                let token = try u[.user].map { (r: NodeReader) throws(ImportError) in try r.mapping(UserKey.self)[.token]?.scalar() } ?? nil
                return User(name: try u.required(.name, "user name").scalar(), token: token, at: item.location)
            } ?? []
    }
}

extension NodeReader {
    /// A mapping of strings to strings (labels, annotations), keyed by the text written.
    func stringMap() throws(ImportError) -> [String: RawScalar] {
        if isNull { return [:] }
        guard case .mapping(let mapping) = node else { throw wrongType(expected: "a mapping of strings") }
        var out: [String: RawScalar] = [:]
        for (k, v) in mapping {
            guard case .scalar(let key) = k else { throw wrongType(expected: "string keys") }
            out[key.string] = try value(key.string, v).scalar()
        }
        return out
    }
}
