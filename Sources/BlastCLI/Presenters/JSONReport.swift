import BlastCore
import Foundation

/// The JSON shapes of every answer. Keys are stable; encoding sorts them.
enum JSONReport {
    struct Step: Encodable {
        let from: String
        let to: String
        let edge: String
        let source: String?
        let approval: Bool?
        let mfa: Bool?
        let notBefore: String?
        let expires: String?
        let technique: String?
        let condition: String?

        enum CodingKeys: String, CodingKey {
            case from, to, edge, source, approval, mfa, expires, technique, condition
            case notBefore = "not_before"
        }

        init(_ s: PathStep) {
            from = s.from
            to = s.to
            edge = s.edge.rawValue
            source = s.origin?.description
            approval = s.terms?.approval == true ? true : nil
            mfa = s.terms?.mfa == true ? true : nil
            notBefore = s.terms?.notBefore?.iso8601
            expires = s.terms?.expires?.iso8601
            technique = s.technique
            condition = s.terms?.condition
        }
    }

    static func path(_ steps: [PathStep]) -> [Step] { steps.map(Step.init) }

    struct Identity: Encodable {
        let id: String
        let type: String
        let hops: Int
        let mfa: Bool
        let path: [Step]
    }

    struct Credential: Encodable {
        let id: String
        let of: String
        let hops: Int
        let path: [Step]
    }

    struct Access: Encodable {
        let identity: String
        let actions: [String]
        let denied: [String]
    }

    struct Resource: Encodable {
        let id: String
        let actions: [String]
        let criticality: String
        let hops: Int
        let path: [Step]
        let access: [Access]
    }

    struct Unmatched: Encodable {
        let actions: [String]
        let resources: [String]
        let scope: String?
        let identity: String
        let path: [Step]
    }

    struct Radius: Encodable {
        let source: String
        let sourceKind: String
        let at: String
        let mfa: Bool
        let withApprovals: Bool
        let problem: String?
        let identities: [Identity]
        let credentials: [Credential]
        let resources: [Resource]
        let eligible: [Resource]
        let unmatched: [Unmatched]

        enum CodingKeys: String, CodingKey {
            case source, at, mfa, problem, identities, credentials, resources, eligible, unmatched
            case sourceKind = "source_kind"
            case withApprovals = "with_approvals"
        }
    }

    struct Reacher: Encodable {
        let id: String
        let hops: Int
        let path: [Step]
    }

    struct WhoCan: Encodable {
        let resource: String
        let action: String?
        let at: String
        let identities: [Reacher]
        let credentials: [Reacher]

        enum CodingKeys: String, CodingKey { case resource, action, at, identities, credentials }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(resource, forKey: .resource)
            try c.encode(action, forKey: .action) // null when no action was asked
            try c.encode(at, forKey: .at)
            try c.encode(identities, forKey: .identities)
            try c.encode(credentials, forKey: .credentials)
        }
    }

    struct Can: Encodable {
        let from: String
        let action: String
        let on: String
        let at: String
        let allowed: Bool
        let hops: Int?
        let path: [Step]
        let onceApproved: [Step]?

        enum CodingKeys: String, CodingKey {
            case from, action, on, at, allowed, hops, path
            case onceApproved = "once_approved"
        }
    }

    struct Path: Encodable {
        let from: String
        let to: String
        let at: String
        let found: Bool
        let hops: Int?
        let path: [Step]
    }

    /// Sorted keys, two-space indentation, no escaped slashes, trailing newline.
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else {
            preconditionFailure("report types encode without failure")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension JSONReport {
    static func radius(_ r: BlastCore.Radius, graph g: AccessGraph, sourceID: String) -> Radius {
        func resource(_ x: BlastCore.Radius.ReachedResource, path: [PathStep]) -> Resource {
            Resource(id: g.resources[x.resource.index].id, actions: x.actions,
                     criticality: g.resources[x.resource.index].criticality.rawValue, hops: x.hops, path: JSONReport.path(path),
                     access: x.access.map { Access(identity: g.identities[$0.identity.index].id, actions: $0.actions, denied: $0.denied) })
        }
        let sourceKind: String
        let mfa: Bool
        switch r.starts.count == 1 ? r.starts.first : nil {
        case .credential(let c)?:
            sourceKind = "credential"
            mfa = g.credentials[c.index].mfa
        case .session(let s)?:
            sourceKind = "identity"
            mfa = s.mfa
        case nil:
            sourceKind = r.starts.isEmpty ? "none" : "several"
            mfa = r.options.mfa
        }
        return Radius(
            source: sourceID, sourceKind: sourceKind, at: r.options.at.iso8601, mfa: mfa, withApprovals: r.options.withApprovals,
            problem: r.startProblem,
            identities: r.identities.map {
                Identity(id: g.identities[$0.identity.index].id, type: g.identities[$0.identity.index].kind.rawValue,
                         hops: $0.hops, mfa: $0.mfa, path: path(r.path($0.proof)))
            },
            credentials: r.credentials.map {
                Credential(id: g.credentials[$0.credential.index].id, of: g.credentials[$0.credential.index].of,
                           hops: $0.hops, path: path(r.path($0.proof)))
            },
            resources: r.resources.map { resource($0, path: r.path($0.proof)) },
            eligible: r.eligible.map { resource($0, path: r.eligiblePath($0.proof)) },
            unmatched: r.unmatched.map {
                Unmatched(actions: $0.actions, resources: $0.resources, scope: $0.scope,
                          identity: g.identities[$0.identity.index].id, path: path(r.path($0.proof)))
            })
    }
}

extension JSONReport {
    struct Change: Encodable {
        let id: String
        let criticality: String
        let actions: [String]
        let hops: Int
        let path: [Step]
    }

    struct WhatIf: Encodable {
        let starts: String
        let at: String
        let changes: [String]
        let before: Radius
        let after: Radius
        let cut: [Change]
        let remaining: [Change]
        let gained: [Change]
        let gainedEligible: [Change]
        let identitiesLost: [String]
        let identitiesGained: [String]

        enum CodingKeys: String, CodingKey {
            case starts, at, changes, before, after, cut, remaining, gained
            case gainedEligible = "gained_eligible"
            case identitiesLost = "identities_lost"
            case identitiesGained = "identities_gained"
        }
    }

    static func change(_ x: BlastCore.Radius.ReachedResource, in r: BlastCore.Radius, eligible: Bool = false) -> Change {
        let g = r.search.graph
        return Change(id: g.resources[x.resource.index].id, criticality: g.resources[x.resource.index].criticality.rawValue,
                      actions: x.actions, hops: x.hops, path: path(eligible ? r.eligiblePath(x.proof) : r.path(x.proof)))
    }

    static func whatIf(_ d: RadiusDiff, starts: String, changes: [ModelChange]) -> WhatIf {
        WhatIf(starts: starts, at: d.before.options.at.iso8601, changes: changes.map(\.description),
               before: radius(d.before, graph: d.before.search.graph, sourceID: starts),
               after: radius(d.after, graph: d.after.search.graph, sourceID: starts),
               cut: d.lost.map { change($0, in: d.before) }, remaining: d.kept.map { change($0, in: d.after) },
               gained: d.gained.map { change($0, in: d.after) },
               gainedEligible: d.gainedEligible.map { change($0, in: d.after, eligible: true) },
               identitiesLost: d.lostIdentities, identitiesGained: d.gainedIdentities)
    }
}

extension JSONReport {
    struct DiffEntry: Encodable {
        let id: String
        let kind: String
        let newEscalationPaths: Int
        let gained: [Change]
        let lost: [Change]
        let gainedEligible: [Change]

        enum CodingKeys: String, CodingKey {
            case id, kind, gained, lost
            case newEscalationPaths = "new_escalation_paths"
            case gainedEligible = "gained_eligible"
        }
    }

    struct Diff: Encodable {
        let at: String
        let old: [String]
        let new: [String]
        let failed: Bool
        let changes: [DiffEntry]
    }
}

extension JSONReport {
    struct Rank: Encodable {
        struct Eligible: Encodable {
            let resources: Int
            let critical: Int
            let weighted: UInt64
        }

        struct Entry: Encodable {
            let id: String
            let kind: String
            let resources: Int
            let critical: Int
            let weighted: UInt64
            let eligible: Eligible
        }

        let at: String
        let by: String
        let entries: [Entry]
    }

    struct Chokepoints: Encodable {
        struct Cut: Encodable {
            let change: String
            let kind: String
            let cost: UInt64
        }

        struct Ranked: Encodable {
            let change: String
            let pairs: Int
            let removes: Int
        }

        let at: String
        let starts: [String]
        let targets: [String]
        let pairs: Int
        let cut: [Cut]
        let cost: UInt64
        let removes: Int
        let verified: Bool
        let ranking: [Ranked]
    }
}
