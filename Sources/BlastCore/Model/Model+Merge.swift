extension Model {
    /// Several models as one: lists concatenated in order; `takeover_actions` and
    /// `reveal_actions` are the union, in first-seen order, of the parts that set them, and the
    /// defaults when none does (or there are no parts).
    ///
    /// `listsSet[k]` says whether part `k` set each list itself; a native file that omits a list
    /// carries the defaults only as a stand-in, and does not add them to the union. Without
    /// `listsSet` every part counts as setting both lists.
    /// The result is not validated; call `validate()` (ids must stay unique across the parts).
    /// - Complexity: O(n) in the total size.
    public static func merged(_ parts: [Model], listsSet: [(takeover: Bool, reveal: Bool)]? = nil) -> Model {
        precondition(listsSet == nil || listsSet!.count == parts.count, "Model.merged: one listsSet entry per part")
        if listsSet == nil, parts.count == 1 { return parts[0] }
        var out = parts.first ?? Model()
        for m in parts.dropFirst() {
            out.identities += m.identities
            out.credentials += m.credentials
            out.groups += m.groups
            out.roles += m.roles
            out.grants += m.grants
            out.assumes += m.assumes
            out.resources += m.resources
            out.escalations += m.escalations
        }
        let sets = listsSet ?? Array(repeating: (true, true), count: parts.count)
        out.takeoverActions = union(zip(parts, sets).filter(\.1.takeover).map(\.0.takeoverActions)) ?? Model.defaultTakeoverActions
        out.revealActions = union(zip(parts, sets).filter(\.1.reveal).map(\.0.revealActions)) ?? Model.defaultRevealActions
        return out
    }

    /// The strings of `lists` in order, each once; nil when there are no lists.
    private static func union(_ lists: [[String]]) -> [String]? {
        guard !lists.isEmpty else { return nil }
        var seen: Set<String> = []
        return lists.joined().filter { seen.insert($0).inserted }
    }
}
