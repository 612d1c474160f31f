/// The shape of an IAM user, group or role ARN, checked where the export declares one:
/// `arn:PARTITION:iam::ACCOUNT:TYPE/[PATH/]NAME` with a 12-digit account, the type the list
/// implies and no whitespace. A malformed ARN would otherwise put the principal in an account of
/// its own (its groups and trusts silently lost).
enum AWSPrincipalARN {
    /// Nil when `arn` is a well-formed ARN of a `type` (`user`, `group`, `role`) named `name`
    /// (when given); else what is wrong, for a message.
    static func problem(_ arn: String, type: String, name: String? = nil) -> String? {
        guard !arn.contains(where: \.isWhitespace) else { return "an ARN has no spaces" }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[1].allSatisfy({ $0.isLowercase || $0 == "-" }) else {
            return "expected arn:aws:iam::ACCOUNT:\(type)/NAME"
        }
        guard parts[2] == "iam", parts[3].isEmpty else { return "expected an IAM ARN, arn:\(parts[1]):iam::ACCOUNT:\(type)/NAME" }
        guard parts[4].count == 12, parts[4].allSatisfy(\.isASCII), parts[4].allSatisfy(\.isNumber) else {
            return "the account must be 12 digits"
        }
        guard parts[5].hasPrefix("\(type)/"), parts[5].count > type.count + 1, !parts[5].hasSuffix("/") else {
            return "expected a \(type) ARN (…:\(type)/NAME)"
        }
        if let name, parts[5].split(separator: "/").last.map(String.init) != name {
            return "the ARN does not end in the name \(quoted(name))"
        }
        return nil
    }
}
