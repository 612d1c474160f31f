/// A change to try on a model (`what-if --patch`): removals as `ModelChange`s, and additions in
/// the model's own shape.
public struct ModelPatch: Sendable {
    public var removals: [ModelChange]
    /// Elements to add; their takeover and reveal lists are empty (a patch does not change them).
    public var additions: Model

    public init(removals: [ModelChange], additions: Model) {
        self.removals = removals
        self.additions = additions
    }

    /// The model with the removals applied, then the additions merged in, validated.
    /// - Complexity: O(n) per removal, plus `Model.validate()`.
    public func apply(to model: Model) throws(ModelError) -> Model {
        let changed = Model.merged([try model.applying(removals), additions])
        try changed.validate()
        return changed
    }
}
