import BlastCore

extension AWSMapper {
    /// Reads a role's trust policy into `trusts` (resolved once every export is loaded).
    mutating func readTrust(_ document: RawPolicyDocument, role: String, file: String, keyPath: String) throws(ImportError) {
        for (k, s) in document.Statement.enumerated() {
            let path = "\(keyPath).Statement[\(k)]"
            let origin = SourceLocation(file: file, keyPath: path)
            let allow = try AWSPolicy.effect(s, file: file, keyPath: path)
            guard allow else {
                note(file, path, "Deny in a trust policy is not modelled: the principals it excludes may still appear to assume the role")
                continue
            }
            if s.NotPrincipal != nil {
                note(file, path, "NotPrincipal in a trust policy is not modelled: statement ignored")
                continue
            }
            let (actions, except) = try AWSPolicy.pair(s.Action, s.NotAction, "Action", file: file, keyPath: path)
            let lowered = actions.map(AWSPolicy.normalise(action:))
            let excepted = except.map(AWSPolicy.normalise(action:))
            let assumes = AWSPolicy.assumeActions.contains { a in
                lowered.contains { Pattern($0).matches(a) } && !excepted.contains { Pattern($0).matches(a) }
            }
            guard assumes else { continue }  // sts:TagSession and the like
            guard let principal = s.Principal else {
                throw ImportError(.missingKey, "a trust policy statement needs a Principal", file: file, keyPath: path)
            }
            let terms = AWSPolicy.conditionTerms(s.Condition).terms
            var trusted: [Trusted] = []
            if principal.everyone { trusted.append(.anyone) }
            for p in principal.AWS?.items ?? [] {
                if p == "*" {
                    trusted.append(.anyone)
                } else if p.count == 12, p.allSatisfy(\.isNumber) {
                    trusted.append(.account(p))
                } else if p.hasPrefix("arn:"), p.hasSuffix(":root") {
                    trusted.append(.account(Self.account(of: p)))
                } else if p.hasPrefix("arn:") {
                    trusted.append(.principal(p))
                } else {
                    note(file, "\(path).Principal.AWS", "principal '\(p)' is a unique id (a deleted principal?): ignored")
                }
            }
            for p in principal.Service?.items ?? [] { trusted.append(.service(p)) }
            for p in principal.Federated?.items ?? [] { trusted.append(.federated(p)) }
            if principal.CanonicalUser != nil { note(file, "\(path).Principal.CanonicalUser", "CanonicalUser principals are not modelled") }
            for t in trusted { trusts.append(Trust(role: role, trusted: t, terms: terms, origin: origin)) }
        }
    }

    /// Turns trusts into assumes (specific principals of the same account, services, federated
    /// providers, unloaded accounts) and `sts-001` escalations (account roots and cross-account
    /// principals, whose own policy must allow `sts:AssumeRole` on the role).
    mutating func resolveTrusts() {
        for t in trusts {
            let target = Self.principalResource(t.role)
            let account = Self.account(of: t.role)
            func viaPolicy(from holder: String) {
                model.escalations.append(
                    Escalation(
                        technique: "sts-001", requires: [.init(action: "sts:assumerole", resource: target)], to: t.role,
                        from: holder, terms: t.terms, origin: t.origin))
                trusters[t.role, default: []].append((holder, t.terms))
            }
            func assume(from holder: String) {
                model.assumes.append(Assume(from: holder, to: t.role, terms: t.terms, origin: t.origin))
                trusters[t.role, default: []].append((holder, t.terms))
            }
            switch t.trusted {
            case .principal(let arn):
                if principals[arn] != nil {
                    if Self.account(of: arn) == account { assume(from: arn) } else { viaPolicy(from: arn) }
                } else if loadedAccounts.contains(Self.account(of: arn)) {
                    note(t.origin.file, t.origin.keyPath, "trusted principal \(arn) is not in the export of its account: ignored")
                } else {
                    declareIdentity(arn, kind: arn.contains(":user/") ? .human : .service, origin: t.origin)
                    assume(from: arn)
                }
            case .account(let other):
                if loadedAccounts.contains(other) {
                    viaPolicy(from: Self.accountGroup(other))
                } else {
                    let root = "arn:aws:iam::\(other):root"
                    declareIdentity(root, kind: .service, origin: t.origin)
                    assume(from: root)
                }
            case .anyone:
                declareIdentity("arn:aws:iam::*:root", kind: .service, origin: t.origin)
                assume(from: "arn:aws:iam::*:root")
                for a in loadedAccounts { viaPolicy(from: Self.accountGroup(a)) }
            case .service(let service):
                declareIdentity(service, kind: .service, origin: t.origin)
                assume(from: service)
            case .federated(let provider):
                declareIdentity(provider, kind: provider.contains(":saml-provider/") ? .human : .workload, origin: t.origin)
                assume(from: provider)
            }
        }
    }

    /// Roles trusting a service principal (allow, any condition), for the new-PassRole techniques.
    func roles(trusting service: String) -> [String] {
        var out: [String] = []
        for t in trusts where t.trusted == .service(service) && !out.contains(t.role) { out.append(t.role) }
        return out
    }
}
