import BlastCore

/// What an action pattern can do, judged from its text: the audit's definition of "read-only",
/// "write, delete, close or administer" and "admin-level".
///
/// The verb of a pattern is the part after its last `:` (`s3:GetObject` → `GetObject`, `read` →
/// `read`). Its literal prefix is the part before the first wildcard.
public enum ActionClass {
    /// Verbs that only observe. A pattern is read-only when its verb's literal prefix starts with
    /// one of these (case-insensitive): `read`, `s3:Get*`, `db:query`, `logs:Describe*`.
    public static let readVerbs = ["read", "get", "list", "describe", "query", "view", "search", "watch", "head", "scan", "select"]

    /// Whether the pattern may allow something beyond reading: writing, deleting, closing,
    /// administering, deploying, impersonating… Everything that is not read-only, including `*`,
    /// `credentials:*` and verbs the audit does not know.
    public static func isMutating(_ pattern: String) -> Bool {
        let prefix = literalPrefix(verb(pattern)).lowercased()
        return !readVerbs.contains { prefix.hasPrefix($0) }
    }

    /// Whether the pattern is admin-level: it allows every verb of a service (`*`, `iam:*`,
    /// `credentials:*`), names administration (`admin`, `iam:AdministerX`), or matches one of the
    /// model's takeover actions (acting as another identity).
    public static func isAdmin(_ pattern: String, takeoverActions: [String]) -> Bool {
        let v = verb(pattern)
        if literalPrefix(v).isEmpty && v.contains(where: { $0 == "*" }) { return true }
        if v.lowercased().contains("admin") { return true }
        let p = Pattern(pattern)
        return takeoverActions.contains { p.matches($0) }
    }

    /// Whether the pattern matches every action (`*`, `**`).
    public static func isEverything(_ pattern: String) -> Bool {
        !pattern.isEmpty && pattern.allSatisfy { $0 == "*" }
    }

    /// Whether a pattern has a wildcard.
    public static func isWildcard(_ pattern: String) -> Bool {
        pattern.contains { $0 == "*" || $0 == "?" }
    }

    static func verb(_ pattern: String) -> Substring {
        if let colon = pattern.lastIndex(of: ":") { return pattern[pattern.index(after: colon)...] }
        return pattern[...]
    }

    static func literalPrefix(_ text: Substring) -> Substring {
        text.prefix { $0 != "*" && $0 != "?" }
    }
}
