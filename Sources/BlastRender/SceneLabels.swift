import BlastCore

/// The short texts a diagram prints: node labels shortened in their context, cluster keys and
/// labels, and the facts an edge carries (actions, technique, expiry, gates), so that a printed
/// or PNG picture says what its SVG tooltips say.
///
/// The full id and every detail stay in the tooltip; these are what fits on paper.
enum SceneLabels {
    /// The most actions printed on an edge before "+N".
    static let maxActions = 3
    /// The longest condition printed on an edge.
    static let maxConditionLength = 28

    /// The cluster a resource sits in: an AWS account and service (`111111111111 iam`, `s3`),
    /// a Kubernetes namespace (`k8s/prod/ns/deploy`), else its top-level component (`prod`).
    ///
    /// - Complexity: O(length of `id`).
    static func clusterKey(ofResource id: String) -> String {
        if let arn = ARN(id) {
            return arn.account.isEmpty ? arn.service : "\(arn.account) \(arn.service)"
        }
        let components = id.split(separator: "/", omittingEmptySubsequences: false)
        if components.first == "k8s", components.count > 4, components[2] == "ns" {
            return components.prefix(4).joined(separator: "/")
        }
        return String(components.first ?? Substring(id))
    }

    /// The label of a cluster key: `aws 111111111111 · iam`, `k8s prod · namespace deploy`, or the key.
    static func clusterLabel(ofKey key: String) -> String {
        let components = key.split(separator: "/", omittingEmptySubsequences: false)
        if components.first == "k8s", components.count == 4, components[2] == "ns" {
            return "k8s \(components[1]) · namespace \(components[3])"
        }
        if key.contains(" ") { return "aws " + key.replacingOccurrences(of: " ", with: " · ") }
        return key
    }

    /// `id` shortened in its context: without its cluster's prefix (`db/customers` inside
    /// `prod`), an ARN as its resource part (`role/deploy`, with the account under it when it
    /// sits in no cluster), a Kubernetes id without its cluster prefix (`sa:ci:builder` over
    /// `k8s prod`).
    ///
    /// - Complexity: O(length of `id`).
    static func label(of id: String, in cluster: String?) -> String {
        if let arn = ARN(id) {
            if arn.resource.isEmpty { return id }
            if cluster != nil || arn.account.isEmpty { return arn.resource }
            return "\(arn.resource)\n\(arn.account)"
        }
        // Kubernetes subjects and roles: `k8s:prod:sa:ci:builder` as `sa:ci:builder` over `k8s prod`.
        let parts = id.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "k8s", !parts[1].isEmpty, !parts[2].isEmpty {
            return "\(parts[2])\nk8s \(parts[1])"
        }
        if let cluster, cluster != id, id.hasPrefix(cluster + "/") {
            let rest = id.dropFirst(cluster.count + 1)
            return rest.isEmpty ? id : String(rest)
        }
        return id
    }

    /// What a step says in a few words: the actions at the end of a path, an escalation's
    /// technique, and a grant's or assume's gates and dates (`approval`, `MFA`, `if …`,
    /// `until 2026-12-05`, `expired 2026-06-30`, `from 2027-01-01`).
    ///
    /// - Complexity: O(actions + length of the terms).
    static func edgeLabel(of step: PathStep, actions: [String], at: Instant?) -> String {
        var parts: [String] = []
        if !actions.isEmpty {
            let shown = actions.prefix(maxActions).joined(separator: ", ")
            parts.append(actions.count > maxActions ? "\(shown) +\(actions.count - maxActions)" : shown)
        }
        if let technique = step.technique {
            parts.append(String(technique.prefix { $0 != ":" }))
        }
        if let t = step.terms {
            if t.approval { parts.append("approval") }
            if t.mfa { parts.append("MFA") }
            if let c = t.condition {
                parts.append(c.count > maxConditionLength ? "if \(c.prefix(maxConditionLength - 1))…" : "if \(c)")
            }
            if let nb = t.notBefore, let at, at < nb { parts.append("from \(nb.isoDate)") }
            if let e = t.expires {
                parts.append(at.map { !($0 < e) } == true ? "expired \(e.isoDate)" : "until \(e.isoDate)")
            }
        }
        return parts.joined(separator: " · ")
    }

    /// The parts of `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
    private struct ARN {
        var service: String
        var account: String
        var resource: String

        init?(_ id: String) {
            guard id.hasPrefix("arn:") else { return nil }
            let parts = id.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6 else { return nil }
            service = String(parts[2])
            account = String(parts[4])
            resource = String(parts[5])
        }
    }
}
