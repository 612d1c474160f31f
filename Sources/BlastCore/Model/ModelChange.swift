/// One edit of a model, as an incident responder or reviewer would make it.
public enum ModelChange: Sendable, Hashable, CustomStringConvertible {
    /// Remove every grant of `role` to `to`.
    case revokeGrant(to: String, role: String)
    /// Remove `member` from `group`.
    case removeMember(group: String, member: String)
    /// Remove every assume from `from` to `to`.
    case removeAssume(from: String, to: String)
    /// Rotate a credential: the old secret stops working (it leaves the model).
    case rotate(credential: String)
    /// Delete the copy of a credential held in a resource (a wiki page cleaned up).
    case purge(credential: String, resource: String)
    /// Disable an identity: its grants, memberships and assumes go; it can no longer act.
    case disable(identity: String)

    /// The command-line spelling: `--revoke-grant sre:prod-admin`.
    public var description: String {
        switch self {
        case .revokeGrant(let to, let role): "--revoke-grant \(to):\(role)"
        case .removeMember(let group, let member): "--remove-member \(group):\(member)"
        case .removeAssume(let from, let to): "--remove-assume \(from):\(to)"
        case .rotate(let c): "--rotate \(c)"
        case .purge(let c, let r): "--purge \(c):\(r)"
        case .disable(let i): "--disable \(i)"
        }
    }

    /// The explanation edges the change removes, as (from, to, kind), for diagrams.
    public func removedEdges(in model: Model) -> [(from: String, to: String, kind: EdgeKind)] {
        switch self {
        case .revokeGrant(let to, let role): return [(to, role, .grant)]
        case .removeMember(let group, let member): return [(member, group, .member)]
        case .removeAssume(let from, let to): return [(from, to, .assume)]
        case .rotate(let c):
            let cred = model.credentials.first { $0.id == c }
            return (cred.map { [($0.id, $0.of, EdgeKind.credential)] } ?? []) + (cred?.storedIn.map { ($0, c, EdgeKind.pivot) } ?? [])
        case .purge(let c, let r): return [(r, c, .pivot)]
        case .disable(let i):
            return model.grants.filter { $0.to == i }.map { (i, $0.role, EdgeKind.grant) }
                + model.groups.filter { $0.members.contains(i) }.map { (i, $0.id, EdgeKind.member) }
                + model.assumes.filter { $0.from == i }.map { (i, $0.to, EdgeKind.assume) }
        }
    }
}

extension Model {
    /// The model with `changes` applied in order; a change that matches nothing is an error (it is
    /// almost always a typo, and a silent no-op would give a false sense of safety).
    /// - Complexity: O(n) per change.
    public func applying(_ changes: [ModelChange]) throws(ModelError) -> Model {
        var m = self
        for change in changes {
            func nothing(_ what: String) -> ModelError {
                ModelError(.undefinedReference, "\(change): \(what)", at: nil)
            }
            switch change {
            case .revokeGrant(let to, let role):
                let before = m.grants.count
                m.grants.removeAll { $0.to == to && $0.role == role }
                if m.grants.count == before { throw nothing("no grant of role '\(role)' to '\(to)'") }
            case .removeMember(let group, let member):
                guard let k = m.groups.firstIndex(where: { $0.id == group }) else { throw nothing("no group '\(group)'") }
                guard m.groups[k].members.contains(member) else { throw nothing("'\(member)' is not a member of '\(group)'") }
                m.groups[k].members.removeAll { $0 == member }
            case .removeAssume(let from, let to):
                let before = m.assumes.count
                m.assumes.removeAll { $0.from == from && $0.to == to }
                if m.assumes.count == before { throw nothing("no assume from '\(from)' to '\(to)'") }
            case .rotate(let c):
                guard m.credentials.contains(where: { $0.id == c }) else { throw nothing("no credential '\(c)'") }
                m.credentials.removeAll { $0.id == c }
            case .purge(let c, let r):
                guard let k = m.credentials.firstIndex(where: { $0.id == c }) else { throw nothing("no credential '\(c)'") }
                guard m.credentials[k].storedIn.contains(r) else { throw nothing("credential '\(c)' has no copy in '\(r)'") }
                m.credentials[k].storedIn.removeAll { $0 == r }
            case .disable(let i):
                guard m.identities.contains(where: { $0.id == i }) else { throw nothing("no identity '\(i)'") }
                m.grants.removeAll { $0.to == i }
                m.assumes.removeAll { $0.from == i }
                for k in m.groups.indices { m.groups[k].members.removeAll { $0 == i } }
            }
        }
        return m
    }
}
