extension Ranking.Entry {
    /// Whether this source is a credential or an identity.
    public var kind: SourceKind {
        if case .credential = start { .credential } else { .identity }
    }
}

extension Ranking {
    /// The radii of the first `n` entries: the paths that explain their rank.
    /// - Complexity: n radius searches.
    public func radii(ofFirst n: Int, in graph: AccessGraph) -> [Radius] {
        entries.prefix(n).map { graph.radius(from: $0.start, options: options) }
    }
}
