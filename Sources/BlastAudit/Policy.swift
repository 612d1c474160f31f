import BlastCore

/// Assertions a team writes down for `blast check`: what must never be reachable, and by whom.
public struct Policy: Sendable {
    public var assertions: [PolicyAssertion]

    public init(assertions: [PolicyAssertion]) {
        self.assertions = assertions
    }
}

/// One assertion: a name for messages, what it demands, and where it was written.
public struct PolicyAssertion: Sendable {
    public enum Kind: Sendable, Equatable {
        /// No start chosen by `from` reaches a resource matching `to` (with `action`, when given:
        /// may do that concrete action there; deny wins).
        case noReach(from: StartSelector, to: String, action: String?)
        /// No start chosen by `from` has a resource of criticality `atLeast` or more in its radius.
        case noCritical(from: StartSelector, atLeast: Criticality)
        /// At most `max` starts chosen by `from` reach each resource matching `to` (with `action`).
        case atMost(max: Int, from: StartSelector, to: String, action: String?)
        /// No credential with a copy stored at or below a resource matching `storedIn` reaches a
        /// resource matching `to`.
        case noPath(storedIn: String, to: String)
    }

    public var name: String
    public var kind: Kind
    public var origin: SourceLocation?

    public init(name: String, kind: Kind, origin: SourceLocation? = nil) {
        self.name = name
        self.kind = kind
        self.origin = origin
    }

    /// The schema name of the kind: `no-reach`, `no-critical`, `at-most`, `no-path`.
    public var kindName: String {
        switch kind {
        case .noReach: "no-reach"
        case .noCritical: "no-critical"
        case .atMost: "at-most"
        case .noPath: "no-path"
        }
    }
}
