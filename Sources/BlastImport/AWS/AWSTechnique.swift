/// One privilege-escalation technique of the catalogue (a row of `AWSTechniques.all`).
struct AWSTechnique: Sendable, Hashable {
    enum Family: String, Sendable, CaseIterable {
        case selfEscalation = "self-escalation"
        case principalAccess = "principal-access"
        case newPassRole = "new-passrole"
        case existingPassRole = "existing-passrole"
    }

    /// The catalogue id (`lambda-001`), named in every path that uses the technique.
    var id: String
    /// The permissions one session must hold together, as the catalogue spells them.
    var permissions: [String]
    var family: Family
    /// See `AWSTechniques.all`.
    var target: String

    /// The permissions as the model matches them (lowercased, see `AWSPolicy.normalise(action:)`).
    var actions: [String] { permissions.map(AWSPolicy.normalise(action:)) }

    /// Whether the technique passes a role to a new resource (`iam:PassRole` is required).
    var passesRole: Bool { actions.contains("iam:passrole") }

    /// Techniques that work on a resource which already runs as a role (from the inventory):
    /// the existing-PassRole family and `cloudformation-005`, which rewrites an existing stack
    /// through a change set without passing a role.
    var needsRunningResource: Bool { family == .existingPassRole || (family == .newPassRole && !passesRole) }
}
