extension Model {
    /// Several models as one: lists concatenated in order; `takeover_actions` and
    /// `reveal_actions` are the union, in first-seen order (the defaults when all use them).
    /// The result is not validated; call `validate()` (ids must stay unique across the parts).
    /// - Complexity: O(n) in the total size.
    public static func merged(_ parts: [Model]) -> Model {
        guard parts.count != 1 else { return parts[0] }
        var out = Model(takeoverActions: [], revealActions: [])
        for m in parts {
            out.identities += m.identities
            out.credentials += m.credentials
            out.groups += m.groups
            out.roles += m.roles
            out.grants += m.grants
            out.assumes += m.assumes
            out.resources += m.resources
            out.escalations += m.escalations
            for a in m.takeoverActions where !out.takeoverActions.contains(a) { out.takeoverActions.append(a) }
            for a in m.revealActions where !out.revealActions.contains(a) { out.revealActions.append(a) }
        }
        if parts.isEmpty {
            out.takeoverActions = Model.defaultTakeoverActions
            out.revealActions = Model.defaultRevealActions
        }
        return out
    }
}
