import BlastCore
import Foundation

/// Service accounts, pods, secrets and kubeconfigs: who runs where, and which tokens lie where.
extension KubernetesMapping {
    mutating func mapServiceAccountsAndPods() throws(ImportError) {
        var automountOff: Set<String> = []
        for o in objects {
            guard case .serviceAccount(let sa) = o.body, let name = o.metadata.name?.text else { continue }
            let ns = namespace(of: o)
            let id = serviceAccount(ns, name, o.at)
            if try sa.automount?.bool() == false { automountOff.insert(id) }
            linkCloudIdentity(id, o)
        }
        for o in objects {
            guard case .pod(let spec) = o.body, let name = o.metadata.name?.text else { continue }
            let ns = namespace(of: o)
            let sa = serviceAccount(ns, spec.serviceAccountName?.text ?? "default", o.at)
            let mounted = try spec.automount?.bool() ?? !automountOff.contains(sa)
            guard mounted else { continue }
            // The pod holds a copy of its account's token: exec or attach reveals it, while a
            // container runs (a Succeeded or Failed pod has none to exec into).
            if !spec.isFinished {
                if mountedTokens[sa] == nil {
                    mountedTokens[sa] = (ns, spec.serviceAccountName?.text ?? "default", o.at, [])
                    mountedOrder.append(sa)
                }
                mountedTokens[sa]!.pods.append(ids.namespaced(ns, "pods", name))
            }
            // The Node authorizer lets a node request tokens for the accounts of the pods bound
            // to it, finished or not, as long as the pod object exists.
            if let nodeName = spec.nodeName?.text {
                _ = node(nodeName, o.at)
                podsOnNode[nodeName, default: []].append(sa)
            }
        }
    }

    /// Adds the mounted-token credentials: one per service account, stored in every pod that mounts it.
    mutating func mapMountedTokens() {
        for sa in mountedOrder {
            let t = mountedTokens[sa]!
            out.credentials.append(Credential(id: ids.mountedToken(t.namespace, t.name), of: sa, storedIn: t.pods, origin: t.origin))
        }
    }

    /// EKS (`eks.amazonaws.com/role-arn`) and GKE (`iam.gke.io/gcp-service-account`) workload
    /// identity: an assume to the cloud identity when its model is loaded alongside, else a note.
    private mutating func linkCloudIdentity(_ sa: String, _ o: RawKubernetesObject) {
        for (annotation, cloud) in [
            ("eks.amazonaws.com/role-arn", "AWS"), ("iam.gke.io/gcp-service-account", "GCP"),
            ("azure.workload.identity/client-id", "Azure"),
        ] {
            guard let target = o.metadata.annotations[annotation] else { continue }
            let at = SourceLocation(
                file: target.at.file, line: target.at.line, keyPath: "\(o.at.keyPath).metadata.annotations.\(annotation)")
            if declared.contains(target.text) {
                out.assumes.append(Assume(from: sa, to: target.text, origin: at))
            } else {
                note(
                    at,
                    "\(cloud) identity '\(target.text)' of \(sa) is not in the loaded models; load the \(cloud) export alongside to follow it"
                )
            }
        }
    }

    /// The annotation saying whose credential a secret holds (an identity id of any loaded model).
    static let credentialAnnotation = "blast.dev/credential-of"
    /// The label the legacy token cleaner puts on a token secret it has invalidated (a date): the
    /// API server refuses the token from then on.
    static let tokenInvalidSinceLabel = "kubernetes.io/legacy-token-invalid-since"
    /// The label the API server keeps on a token secret: the date its token was last used.
    static let tokenLastUsedLabel = "kubernetes.io/legacy-token-last-used"

    mutating func mapSecrets() throws(ImportError) {
        for o in objects {
            guard case .secret(let s) = o.body, let name = o.metadata.name?.text else { continue }
            let ns = namespace(of: o)
            let object = ids.namespaced(ns, "secrets", name)
            let created = o.metadata.creationTimestamp.flatMap { Instant(iso8601: $0.text) }
            if s.type?.text == "kubernetes.io/service-account-token" {
                if let since = o.metadata.labels[Self.tokenInvalidSinceLabel] {
                    note(
                        o.at,
                        "token secret '\(ns)/\(name)' is labelled \(Self.tokenInvalidSinceLabel)=\(since.text): the API server rejects it; not linked"
                    )
                    continue
                }
                guard let saName = o.metadata.annotations["kubernetes.io/service-account.name"]?.text else {
                    note(
                        o.at,
                        "service-account-token secret '\(name)' names no service account (annotation kubernetes.io/service-account.name); not linked"
                    )
                    continue
                }
                let sa = serviceAccount(ns, saName, o.at)
                var lastUsed: Instant?
                if let used = o.metadata.labels[Self.tokenLastUsedLabel] {
                    lastUsed = Instant(iso8601: used.text)
                    if lastUsed == nil {
                        note(o.at, "label \(Self.tokenLastUsedLabel) '\(used.text)' is not a date (YYYY-MM-DD); ignored")
                    }
                }
                out.credentials.append(
                    Credential(id: ids.token(ns, name), of: sa, storedIn: [object], created: created, lastUsed: lastUsed, origin: o.at))
            }
            if let of = o.metadata.annotations[Self.credentialAnnotation] {
                let at = SourceLocation(
                    file: of.at.file, line: of.at.line,
                    keyPath: "\(o.at.keyPath).metadata.annotations.\(Self.credentialAnnotation)")
                if identityIndex.contains(of.text) || declared.contains(of.text) {
                    out.credentials.append(
                        Credential(
                            id: ids.secretCredential(ns, name), of: of.text, storedIn: [object],
                            created: created, origin: at))
                } else {
                    note(
                        at,
                        "secret '\(ns)/\(name)' holds a credential of '\(of.text)', which is not in the loaded models; load that export alongside to follow it"
                    )
                }
            }
        }
    }

    /// Kubeconfig users with a service-account bearer token become credentials of that account.
    mutating func mapKubeconfigs() throws(ImportError) {
        for o in objects {
            guard case .kubeconfig(let k) = o.body else { continue }
            for u in k.users {
                guard let token = u.token else {
                    note(
                        u.at, "kubeconfig user '\(u.name.text)' has no bearer token; client certificates and exec plugins are not modelled")
                    continue
                }
                guard let claims = Self.jwtClaims(token.text), let sub = claims.sub,
                    let sa = Self.serviceAccountUsername(sub)
                else {
                    note(u.at, "kubeconfig user '\(u.name.text)': the token is not a service-account token blast can read; not linked")
                    continue
                }
                if let exp = claims.unreadableExp {
                    throw ImportError(
                        .badValue,
                        "kubeconfig user '\(u.name.text)': the token's exp claim \(exp) is not a time blast can read "
                            + "(seconds since 1970, in the years 0000 to 9999)", at: token.at)
                }
                let id = serviceAccount(sa.namespace, sa.name, u.at)
                let expires = claims.exp.map(Instant.init(secondsSinceEpoch:))
                out.credentials.append(Credential(id: ids.kubeconfigCredential(u.name.text), of: id, expires: expires, origin: u.at))
            }
        }
    }

    /// The claims of a JWT blast reads: whose token it is and when it expires.
    struct JWTClaims: Decodable {
        /// The username, `system:serviceaccount:<ns>:<name>` for an account; nil when absent or not a string.
        var sub: String?
        /// Expiry in seconds since the epoch (a fraction is cut off); nil when absent, not a number,
        /// or not a time blast can read.
        var exp: Int64?
        /// An `exp` number outside `Instant.supportedRange` (such as `1e300`), as decoded; the
        /// mapping refuses it.
        var unreadableExp: String?

        enum CodingKeys: String, CodingKey { case sub, exp }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sub = try? c.decode(String.self, forKey: .sub)
            if let seconds = try? c.decode(Int64.self, forKey: .exp) {
                if Instant.supportedRange.contains(seconds) { exp = seconds } else { unreadableExp = String(seconds) }
            } else if let number = try? c.decode(Double.self, forKey: .exp) {
                if let seconds = Int64(exactly: number.rounded(.towardZero)), Instant.supportedRange.contains(seconds) {
                    exp = seconds
                } else {
                    unreadableExp = "\(number)"
                }
            }
        }
    }

    /// The claims of a JWT (its payload, base64url JSON), unverified.
    static func jwtClaims(_ token: String) -> JWTClaims? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var b64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64) else { return nil }
        return try? JSONDecoder().decode(JWTClaims.self, from: data)
    }
}
