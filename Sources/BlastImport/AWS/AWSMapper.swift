import BlastCore

/// Maps decoded AWS exports into a `Model` (see docs/aws.md for every decision).
///
/// Ids: users and roles are identities named by their ARN; groups are groups named by their ARN;
/// each IAM principal, group and customer-managed policy is also a resource so that techniques can
/// target it — `<arn>/` for principals and groups (ids are unique across the model, and the
/// trailing `/` keeps every ARN pattern that matches the ARN matching it), the ARN itself for
/// policies. Each policy becomes a role (`<policy-arn>#<version>`, `<principal-arn>#inline:<name>`).
struct AWSMapper {
    struct Input {
        var details: [(file: String, raw: RawAuthorizationDetails)] = []
        var reports: [(file: String, raw: RawCredentialReport)] = []
        var inventories: [(file: String, raw: RawAWSInventory)] = []
        /// `--key ID=USER[#SLOT]` from the command line: user (name or ARN, with slot) → key id.
        var keyOptions: [String: String] = [:]
    }

    /// What the mapper knows about an IAM user or role.
    struct Principal {
        var arn: String
        var account: String
        var name: String
        var isUser: Bool
        var identityIndex: Int
        /// Group ARNs (users).
        var groups: [String] = []
        /// Customer-managed policies attached directly or through a group.
        var managedPolicies: [String] = []
        var boundaryRole: String?
        var instanceProfiles = 0
        /// Access keys that exist (credential report), password enabled, MFA active; nil when unknown.
        var keyCount: Int?
        var hasPassword: Bool?
        var mfa: Bool?
    }

    /// Who a role's trust policy lets in.
    enum Trusted: Hashable {
        case principal(String), account(String), anyone, service(String), federated(String)
    }

    struct Trust {
        var role: String
        var trusted: Trusted
        var terms: Terms
        var origin: SourceLocation
    }

    let input: Input
    var notes: [ImportNote] = []
    /// Takeover and reveal actions keep the model defaults: AWS identities have no `resource`
    /// (their `<arn>/` resources are plain resources) and no credential is stored anywhere, so
    /// every way into an AWS principal is an explicit escalation from the technique table.
    var model = Model()

    var principals: [String: Principal] = [:]
    var principalOrder: [String] = []
    var groupIndex: [String: Int] = [:]
    /// (account, group name) → group ARN.
    var groupByName: [String: String] = [:]
    var roleIDs: Set<String> = []
    var resourceIndex: [String: Int] = [:]
    var identityIDs: Set<String> = []
    /// Managed policy ARN → (document, version, where).
    var managed: [String: (document: RawPolicyDocument, version: String, file: String, keyPath: String)] = [:]
    /// Accounts with an authorization-details file.
    var loadedAccounts: [String] = []
    var trusts: [Trust] = []
    /// Role → the holders its trust lets in (directly or through their own policy), with the terms.
    var trusters: [String: [(holder: String, terms: Terms)]] = [:]
    /// Inventory resources that run as a role: (resource ARN, role ARN).
    var running: [(resource: String, role: String)] = []
    /// Inventory ARNs without an account in them, by owning account.
    var accountlessByAccount: [String: [String]] = [:]
    var adminRoles: [String: String] = [:]

    init(input: Input) { self.input = input }

    mutating func map() throws(ImportError) -> Model {
        for (file, raw) in input.details { indexManaged(raw, file: file) }
        for (file, raw) in input.details { try mapGroups(raw, file: file) }
        for (file, raw) in input.details { try mapUsers(raw, file: file) }
        for (file, raw) in input.details { try mapRoles(raw, file: file) }
        for (file, raw) in input.inventories { try mapInventory(raw, file: file) }
        let hints = try keyHints()
        for (file, raw) in input.reports { try mapReport(raw, file: file, hints: hints) }
        addAccountGroups()
        resolveTrusts()
        generateEscalations()
        confineWildcardResources()
        return model
    }

    /// AWS's `"Resource": "*"` means every AWS resource, not every id of the merged model: it
    /// becomes `arn:*`, so that with a Kubernetes export (or a native model) alongside, an AWS
    /// policy never appears to act on the cluster's objects.
    mutating func confineWildcardResources() {
        func confine(_ patterns: [String]) -> [String] { patterns.map { $0 == "*" ? "arn:*" : $0 } }
        func confine(_ statements: [Statement]) -> [Statement] {
            statements.map { st in
                var s = st
                s.resources = confine(s.resources)
                s.exceptResources = confine(s.exceptResources)
                return s
            }
        }
        for k in model.roles.indices {
            model.roles[k].allow = confine(model.roles[k].allow)
            model.roles[k].deny = confine(model.roles[k].deny)
        }
    }

    // MARK: Ids and helpers

    static func account(of arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 4 ? String(parts[4]) : ""
    }

    static func principalResource(_ arn: String) -> String { arn + "/" }
    static func accountGroup(_ account: String) -> String { "aws-account:\(account)" }
    static func adminEquivalent(_ arn: String) -> String { arn + "#admin-equivalent" }

    mutating func note(_ file: String, _ keyPath: String?, _ message: String) {
        let n = ImportNote(file: file, keyPath: keyPath, message: message)
        if !notes.contains(n) { notes.append(n) }
    }

    mutating func declareResource(_ id: String, criticality: Criticality = .low, origin: SourceLocation? = nil) {
        if let k = resourceIndex[id] {
            if criticality > model.resources[k].criticality { model.resources[k].criticality = criticality }
            return
        }
        resourceIndex[id] = model.resources.count
        model.resources.append(Resource(id: id, criticality: criticality, origin: origin))
    }

    mutating func declareIdentity(_ id: String, kind: IdentityKind, resource: String? = nil, origin: SourceLocation?) {
        guard identityIDs.insert(id).inserted else { return }
        model.identities.append(Identity(id: id, kind: kind, resource: resource, origin: origin))
    }

    // MARK: Policies

    mutating func indexManaged(_ raw: RawAuthorizationDetails, file: String) {
        for (k, p) in (raw.Policies ?? []).enumerated() where managed[p.Arn] == nil {
            let versions = p.PolicyVersionList ?? []
            guard let v = versions.firstIndex(where: \.IsDefaultVersion) else {
                note(file, "Policies[\(k)]", "managed policy \(p.Arn) has no default version in the export; it grants nothing here")
                continue
            }
            managed[p.Arn] = (versions[v].Document, versions[v].VersionId, file, "Policies[\(k)].PolicyVersionList[\(v)].Document")
            if Self.account(of: p.Arn) != "aws" {
                declareResource(p.Arn, origin: SourceLocation(file: file, keyPath: "Policies[\(k)]"))
            }
        }
    }

    /// The roles (permission sets) a policy document becomes, with the terms to grant each:
    /// unconditional statements in `base`, each distinct condition in `base?mfa` / `base?if-N`.
    /// `${aws:username}` is replaced by `username` (the role id then ends `@username`).
    mutating func roles(
        for base: String, _ document: RawPolicyDocument, file: String, keyPath: String,
        username: String?
    ) throws(ImportError) -> [(role: String, terms: Terms)] {
        let id = username.map { "\(base)@\($0)" } ?? base
        var statements = try AWSPolicy.statements(of: document, file: file, keyPath: keyPath)
        for k in statements.indices {
            statements[k].resources = substitute(statements[k].resources, username: username, file: file, at: statements[k].origin)
            statements[k].exceptResources = substitute(
                statements[k].exceptResources, username: username, file: file, at: statements[k].origin)
        }
        var groups: [AWSPolicy.ConditionTerms] = []
        var allows: [AWSPolicy.ConditionTerms: [BlastCore.Statement]] = [:]
        var denies: [BlastCore.Statement] = []
        for s in statements {
            if s.allow {
                if allows[s.condition] == nil { groups.append(s.condition) }
                allows[s.condition, default: []].append(s.model)
            } else if s.condition.isUnconditional {
                denies.append(s.model)
            } else {
                note(
                    file, s.origin.keyPath,
                    "conditional Deny (\(s.condition.other ?? "MFA")) is not modelled: the deny is ignored, so the answer may over-state access"
                )
            }
        }
        let unconditional = AWSPolicy.ConditionTerms()
        if allows[unconditional] == nil, !denies.isEmpty { groups.insert(unconditional, at: 0) }
        groups.sort {
            ($0.isUnconditional ? 0 : 1, $0.mfa ? 0 : 1, $0.other ?? "") < ($1.isUnconditional ? 0 : 1, $1.mfa ? 0 : 1, $1.other ?? "")
        }
        var out: [(String, Terms)] = []
        var n = 0
        for c in groups {
            let roleID: String
            if c.isUnconditional { roleID = id } else if c.other == nil { roleID = "\(id)?mfa" } else { n += 1; roleID = "\(id)?if-\(n)" }
            if roleIDs.insert(roleID).inserted {
                model.roles.append(
                    Role(
                        id: roleID, allow: allows[c] ?? [], deny: c.isUnconditional ? denies : [],
                        origin: SourceLocation(file: file, keyPath: keyPath)))
            }
            out.append((roleID, c.terms))
        }
        return out
    }

    mutating func substitute(_ patterns: [String], username: String?, file: String, at origin: SourceLocation) -> [String] {
        patterns.map { p in
            guard p.contains("${") else { return p }
            var out = ""
            var rest = Substring(p)
            while let open = rest.range(of: "${") {
                out += rest[..<open.lowerBound]
                guard let close = rest[open.upperBound...].firstIndex(of: "}") else { out += rest[open.lowerBound...]; rest = ""; break }
                let name = rest[open.upperBound..<close]
                switch name.lowercased() {
                case "aws:username": out += username ?? "${aws:username}"
                case "*", "?", "$": out += name
                default:
                    out += "*"
                    note(file, origin.keyPath, "policy variable ${\(name)} is not evaluated: read as '*'")
                }
                rest = rest[rest.index(after: close)...]
            }
            return out + rest
        }
    }

    static func usesUsername(_ document: RawPolicyDocument) -> Bool {
        document.Statement.contains { s in
            ((s.Resource?.items ?? []) + (s.NotResource?.items ?? [])).contains { $0.lowercased().contains("${aws:username}") }
        }
    }

    /// Grants `holder` the roles of its inline and attached policies.
    mutating func grantPolicies(
        to holder: String, owner: String, inline: [RawInlinePolicy], attached: [RawAttachedPolicy],
        file: String, keyPath: String, inlineKey: String, username: String?
    ) throws(ImportError) {
        for (k, p) in inline.enumerated() {
            let path = "\(keyPath).\(inlineKey)[\(k)]"
            let user = Self.usesUsername(p.PolicyDocument) ? username : nil
            for (role, terms) in try roles(
                for: "\(owner)#inline:\(p.PolicyName)", p.PolicyDocument, file: file,
                keyPath: "\(path).PolicyDocument", username: user)
            {
                model.grants.append(Grant(to: holder, role: role, terms: terms, origin: SourceLocation(file: file, keyPath: path)))
            }
        }
        for (k, a) in attached.enumerated() {
            let path = "\(keyPath).AttachedManagedPolicies[\(k)]"
            guard let m = managed[a.PolicyArn] else {
                note(file, path, "managed policy \(a.PolicyArn) is not in the export's Policies list: its permissions are unknown")
                continue
            }
            let user = Self.usesUsername(m.document) ? username : nil
            for (role, terms) in try roles(for: "\(a.PolicyArn)#\(m.version)", m.document, file: m.file, keyPath: m.keyPath, username: user)
            {
                model.grants.append(Grant(to: holder, role: role, terms: terms, origin: SourceLocation(file: file, keyPath: path)))
            }
        }
    }

    /// The role standing for a permissions boundary: denies of what the boundary does not allow.
    mutating func boundaryRole(_ arn: String, file: String, keyPath: String) throws(ImportError) -> String? {
        let id = "\(arn)#boundary"
        if roleIDs.contains(id) { return id }
        guard let m = managed[arn] else {
            note(file, keyPath, "permissions boundary \(arn) is not in the export's Policies list: the boundary is not applied")
            return nil
        }
        let statements = try AWSPolicy.statements(of: m.document, file: m.file, keyPath: m.keyPath)
        var deny = statements.filter { !$0.allow && $0.condition.isUnconditional }.map(\.model)
        let allows = statements.filter(\.allow)
        let shapes = Set(allows.map { [$0.resources.joined(separator: ","), $0.exceptResources.joined(separator: ",")] })
        let notActions = allows.filter { !$0.exceptActions.isEmpty }
        let origin = SourceLocation(file: m.file, keyPath: m.keyPath)
        if allows.isEmpty {
            deny.append(Statement(actions: ["*"], resources: ["*"], origin: origin))
        } else if shapes.count == 1, notActions.isEmpty || allows.count == 1 {
            let s = allows[0]
            if !s.exceptActions.isEmpty {
                deny.append(Statement(actions: s.exceptActions, resources: ["*"], origin: origin))
            } else {
                let actions = Array(Set(allows.flatMap(\.actions))).sorted()
                if !actions.contains("*") {
                    deny.append(Statement(actions: ["*"], resources: ["*"], exceptActions: actions, origin: origin))
                }
            }
            if !s.exceptResources.isEmpty {
                deny.append(Statement(actions: ["*"], resources: s.exceptResources, origin: origin))
            } else if !s.resources.contains("*") {
                deny.append(Statement(actions: ["*"], resources: ["*"], exceptResources: s.resources, origin: origin))
            }
            if allows.contains(where: { !$0.condition.isUnconditional }) {
                note(m.file, m.keyPath, "conditions in permissions boundary \(arn) are not evaluated: read as unconditional")
            }
        } else {
            note(
                m.file, m.keyPath,
                "permissions boundary \(arn) allows several action/resource shapes; only its Deny statements are applied (the intersection is not expressible)"
            )
        }
        roleIDs.insert(id)
        model.roles.append(Role(id: id, deny: deny, origin: origin))
        return id
    }

    // MARK: Principals

    mutating func mapGroups(_ raw: RawAuthorizationDetails, file: String) throws(ImportError) {
        for (k, g) in (raw.GroupDetailList ?? []).enumerated() {
            let path = "GroupDetailList[\(k)]"
            if let first = groupIndex[g.Arn] {
                noteRepeated(g.Arn, first: model.groups[first].origin, file: file, keyPath: path)
                continue
            }
            try checkARN(g.Arn, type: "group", name: g.GroupName, file: file, keyPath: path)
            groupIndex[g.Arn] = model.groups.count
            groupByName["\(Self.account(of: g.Arn))/\(g.GroupName)"] = g.Arn
            model.groups.append(Group(id: g.Arn, origin: SourceLocation(file: file, keyPath: path)))
            declareResource(Self.principalResource(g.Arn), origin: SourceLocation(file: file, keyPath: path))
            // Policies using ${aws:username} are granted per member (mapUsers); the rest to the group.
            let inline = (g.GroupPolicyList ?? []).filter { !Self.usesUsername($0.PolicyDocument) }
            let attached = (g.AttachedManagedPolicies ?? []).filter {
                managed[$0.PolicyArn].map { !Self.usesUsername($0.document) } ?? true
            }
            try grantPolicies(
                to: g.Arn, owner: g.Arn, inline: inline, attached: attached, file: file, keyPath: path,
                inlineKey: "GroupPolicyList", username: nil)
        }
    }

    /// A principal or group listed again (the same account exported twice, or an edited file):
    /// the first entry is used, and the note says which, so the second's policies are not
    /// silently lost.
    mutating func noteRepeated(_ arn: String, first: SourceLocation?, file: String, keyPath: String) {
        note(file, keyPath, "\(arn) is listed again (first at \(first?.description ?? "an earlier entry")); this entry is ignored")
    }

    /// Throws when `arn` is not a well-formed IAM ARN of `type` named `name` (`AWSPrincipalARN`).
    func checkARN(_ arn: String, type: String, name: String, file: String, keyPath: String) throws(ImportError) {
        if let problem = AWSPrincipalARN.problem(arn, type: type, name: name) {
            throw ImportError(.badValue, "\(quoted(arn)) is not a \(type) ARN: \(problem)", file: file, keyPath: "\(keyPath).Arn")
        }
    }

    mutating func addPrincipal(arn: String, name: String, isUser: Bool, kind: IdentityKind, origin: SourceLocation) {
        let account = Self.account(of: arn)
        if !loadedAccounts.contains(account) { loadedAccounts.append(account) }
        let resource = Self.principalResource(arn)
        declareResource(resource, origin: origin)
        principals[arn] = Principal(arn: arn, account: account, name: name, isUser: isUser, identityIndex: model.identities.count)
        principalOrder.append(arn)
        declareIdentity(arn, kind: kind, origin: origin)
    }

    mutating func mapUsers(_ raw: RawAuthorizationDetails, file: String) throws(ImportError) {
        var groupPosition: [String: Int] = [:]
        for (k, gd) in (raw.GroupDetailList ?? []).enumerated() where groupPosition[gd.Arn] == nil { groupPosition[gd.Arn] = k }
        for (k, u) in (raw.UserDetailList ?? []).enumerated() {
            let path = "UserDetailList[\(k)]"
            if let first = principals[u.Arn] {
                noteRepeated(u.Arn, first: model.identities[first.identityIndex].origin, file: file, keyPath: path)
                continue
            }
            try checkARN(u.Arn, type: "user", name: u.UserName, file: file, keyPath: path)
            let origin = SourceLocation(file: file, keyPath: path)
            addPrincipal(arn: u.Arn, name: u.UserName, isUser: true, kind: .human, origin: origin)
            try grantPolicies(
                to: u.Arn, owner: u.Arn, inline: u.UserPolicyList ?? [], attached: u.AttachedManagedPolicies ?? [],
                file: file, keyPath: path, inlineKey: "UserPolicyList", username: u.UserName)
            var managedHere = (u.AttachedManagedPolicies ?? []).map(\.PolicyArn)
            for (j, name) in (u.GroupList ?? []).enumerated() {
                guard let g = groupByName["\(Self.account(of: u.Arn))/\(name)"], let gi = groupIndex[g] else {
                    note(file, "\(path).GroupList[\(j)]", "group '\(name)' is not in GroupDetailList: membership ignored")
                    continue
                }
                model.groups[gi].members.append(u.Arn)
                principals[u.Arn]?.groups.append(g)
                // The group's ${aws:username} policies, instantiated for this member.
                guard let gk = groupPosition[g], let gd = raw.GroupDetailList?[gk] else { continue }
                let inline = (gd.GroupPolicyList ?? []).filter { Self.usesUsername($0.PolicyDocument) }
                let attached = (gd.AttachedManagedPolicies ?? []).filter {
                    managed[$0.PolicyArn].map { Self.usesUsername($0.document) } ?? false
                }
                try grantPolicies(
                    to: u.Arn, owner: g, inline: inline, attached: attached, file: file,
                    keyPath: "GroupDetailList[\(gk)]", inlineKey: "GroupPolicyList", username: u.UserName)
                managedHere += (gd.AttachedManagedPolicies ?? []).map(\.PolicyArn)
            }
            principals[u.Arn]?.managedPolicies = managedHere.filter { Self.account(of: $0) != "aws" && managed[$0] != nil }
            if let b = u.PermissionsBoundary {
                let boundary = try boundaryRole(b.PermissionsBoundaryArn, file: file, keyPath: "\(path).PermissionsBoundary")
                principals[u.Arn]?.boundaryRole = boundary
                if let boundary {
                    model.grants.append(
                        Grant(to: u.Arn, role: boundary, origin: SourceLocation(file: file, keyPath: "\(path).PermissionsBoundary")))
                }
            }
        }
    }

    mutating func mapRoles(_ raw: RawAuthorizationDetails, file: String) throws(ImportError) {
        for (k, r) in (raw.RoleDetailList ?? []).enumerated() {
            let path = "RoleDetailList[\(k)]"
            if let first = principals[r.Arn] {
                noteRepeated(r.Arn, first: model.identities[first.identityIndex].origin, file: file, keyPath: path)
                continue
            }
            try checkARN(r.Arn, type: "role", name: r.RoleName, file: file, keyPath: path)
            let origin = SourceLocation(file: file, keyPath: path)
            addPrincipal(arn: r.Arn, name: r.RoleName, isUser: false, kind: .service, origin: origin)
            principals[r.Arn]?.instanceProfiles = r.InstanceProfileList?.count ?? 0
            try grantPolicies(
                to: r.Arn, owner: r.Arn, inline: r.RolePolicyList ?? [], attached: r.AttachedManagedPolicies ?? [],
                file: file, keyPath: path, inlineKey: "RolePolicyList", username: nil)
            principals[r.Arn]?.managedPolicies = (r.AttachedManagedPolicies ?? []).map(\.PolicyArn)
                .filter { Self.account(of: $0) != "aws" && managed[$0] != nil }
            if let b = r.PermissionsBoundary {
                let boundary = try boundaryRole(b.PermissionsBoundaryArn, file: file, keyPath: "\(path).PermissionsBoundary")
                principals[r.Arn]?.boundaryRole = boundary
                if let boundary {
                    model.grants.append(
                        Grant(to: r.Arn, role: boundary, origin: SourceLocation(file: file, keyPath: "\(path).PermissionsBoundary")))
                }
            }
            if let trust = r.AssumeRolePolicyDocument {
                try readTrust(trust, role: r.Arn, file: file, keyPath: "\(path).AssumeRolePolicyDocument")
            } else {
                note(file, path, "role has no AssumeRolePolicyDocument: nobody can assume it here")
            }
        }
    }

    /// Every user and role of a loaded account, as the holder an account-root trust refers to.
    mutating func addAccountGroups() {
        for account in loadedAccounts {
            let members = principalOrder.filter { principals[$0]?.account == account }
            model.groups.append(Group(id: Self.accountGroup(account), members: members))
        }
    }

    /// The account-wide admin permission set: every action on every resource of the account.
    mutating func accountAdminRole(_ account: String) -> String {
        if let r = adminRoles[account] { return r }
        let id = "arn:aws:iam::\(account):root#account-admin"
        let extra = (accountlessByAccount[account] ?? []).sorted()
        model.roles.append(Role(id: id, allow: [Statement(actions: ["*"], resources: ["arn:aws:*:*:\(account):*"] + extra)]))
        roleIDs.insert(id)
        adminRoles[account] = id
        return id
    }

    /// `<arn>#admin-equivalent`: what a principal becomes once it can rewrite its own permissions
    /// (account-wide admin, still under its permissions boundary).
    mutating func adminEquivalent(of arn: String) -> String {
        let id = Self.adminEquivalent(arn)
        if identityIDs.contains(id) { return id }
        let p = principals[arn]
        declareIdentity(id, kind: p.map { model.identities[$0.identityIndex].kind } ?? .service, origin: nil)
        model.grants.append(Grant(to: id, role: accountAdminRole(Self.account(of: arn))))
        if let b = p?.boundaryRole { model.grants.append(Grant(to: id, role: b)) }
        return id
    }

    // MARK: Credential report and inventory

    /// Access key ids by `<user-arn>#<slot>`, from the inventories' `access_keys` and `--key`.
    /// A user that is in no loaded export (authorization details or credential report) is an
    /// error: the key id would otherwise be silently unusable with `--from`.
    func keyHints() throws(ImportError) -> [String: String] {
        var hints: [String: String] = [:]
        var usersByName: [String: [String]] = [:]
        var userARNs = Set<String>()
        for arn in principalOrder {
            if let p = principals[arn], p.isUser {
                usersByName[p.name, default: []].append(arn)
                userARNs.insert(arn)
            }
        }
        for (_, report) in input.reports {
            for row in report.rows {
                guard let arn = row["arn"], let user = row["user"], user != "<root_account>", !userARNs.contains(arn) else { continue }
                usersByName[user, default: []].append(arn)
                userARNs.insert(arn)
            }
        }
        func users(_ user: String) -> [String] {
            user.hasPrefix("arn:") ? (userARNs.contains(user) ? [user] : []) : usersByName[user] ?? []
        }
        var keyFirstSeen: [String: SourceLocation] = [:]
        var slotFirstSeen: [String: SourceLocation] = [:]
        for (_, inv) in input.inventories {
            for key in inv.access_keys {
                if let first = keyFirstSeen[key.id] {
                    throw ImportError(
                        .badValue, "access key id \(quoted(key.id)) is listed twice (first at \(first.place))",
                        at: SourceLocation(file: key.origin.file, line: key.origin.line, keyPath: key.origin.keyPath + ".id"))
                }
                keyFirstSeen[key.id] = key.origin
                let arns = users(key.user)
                guard !arns.isEmpty else {
                    throw ImportError(
                        .badValue,
                        "user \(quoted(key.user)) is in no loaded authorization details or credential report; give the user's name or ARN as the exports spell it",
                        at: SourceLocation(file: key.origin.file, line: key.origin.line, keyPath: key.origin.keyPath + ".user"))
                }
                for arn in arns {
                    if let first = slotFirstSeen["\(arn)#\(key.slot)"] {
                        throw ImportError(
                            .badValue, "access key \(key.slot) of \(quoted(arn)) is given twice (first at \(first.place))",
                            at: key.origin)
                    }
                    slotFirstSeen["\(arn)#\(key.slot)"] = key.origin
                    hints["\(arn)#\(key.slot)"] = key.id
                }
            }
        }
        for (user, id) in input.keyOptions.sorted(by: { $0.key < $1.key }) {
            let parts = user.split(separator: "#", maxSplits: 1).map(String.init)
            var slot = 1
            if parts.count == 2 {
                guard parts[1] == "1" || parts[1] == "2" else {
                    throw ImportError(
                        .badValue, "--key \(quoted("\(id)=\(user)")): \(quoted(parts[1])) is not a key slot; use #1 or #2", file: nil)
                }
                slot = parts[1] == "1" ? 1 : 2
            }
            let arns = users(parts[0])
            guard !arns.isEmpty else {
                throw ImportError(
                    .badValue,
                    "--key \(quoted("\(id)=\(user)")): user \(quoted(parts[0])) is in no loaded authorization details or credential report",
                    file: nil)
            }
            for arn in arns { hints["\(arn)#\(slot)"] = id }
        }
        return hints
    }

    mutating func mapReport(_ report: RawCredentialReport, file: String, hints: [String: String]) throws(ImportError) {
        for column in report.missingOptionalColumns {
            note(
                file, nil,
                column.hasPrefix("cert_")
                    ? "the credential report has no '\(column)' column: signing certificates are not checked"
                    : "the credential report has no '\(column)' column (an older report): when its access keys were last used is unknown")
        }
        for row in report.rows {
            let origin = SourceLocation(file: file, line: row.line, keyPath: "")
            guard let arn = row["arn"], let user = row["user"] else {
                throw ImportError(.missingKey, "row without user or arn", file: file, line: row.line)
            }
            let isRoot = user == "<root_account>"
            if isRoot {
                let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
                if parts.count != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[5] != "root" || parts[4].count != 12
                    || !parts[4].allSatisfy({ $0.isASCII && $0.isNumber })
                {
                    throw ImportError(
                        .badValue, "\(quoted(arn)) is not a root account ARN; expected arn:aws:iam::ACCOUNT:root", file: file,
                        line: row.line, keyPath: "arn")
                }
            } else if let problem = AWSPrincipalARN.problem(arn, type: "user", name: user) {
                throw ImportError(.badValue, "\(quoted(arn)) is not a user ARN: \(problem)", file: file, line: row.line, keyPath: "arn")
            }
            if isRoot {
                declareIdentity(arn, kind: .human, origin: origin)
                model.grants.append(Grant(to: arn, role: accountAdminRole(Self.account(of: arn)), origin: origin))
            } else if principals[arn] == nil {
                note(
                    file, "line \(row.line)",
                    "user \(arn) is in the credential report but not in any authorization details: no permissions known")
                addPrincipal(arn: arn, name: user, isUser: true, kind: .human, origin: origin)
            }
            var existing = 0
            for slot in 1...2 {
                if row["access_key_\(slot)_last_rotated"] != nil { existing += 1 }
                let created = try row.date("access_key_\(slot)_last_rotated")
                let lastUsed = try row.date("access_key_\(slot)_last_used_date")
                guard try row.flag("access_key_\(slot)_active") else { continue }
                let id = hints["\(arn)#\(slot)"] ?? "\(arn)#access-key-\(slot)"
                model.credentials.append(
                    Credential(
                        id: id, of: arn, mfa: false, created: created, lastUsed: lastUsed, origin: origin))
                if isRoot {
                    note(
                        file, "line \(row.line)",
                        "the root account \(arn) has an active access key (\(id)): it can do anything in the account")
                }
            }
            for slot in 1...2 where try row.flag("cert_\(slot)_active") {
                note(file, "line \(row.line)", "active signing certificate \(slot) of \(arn) is not modelled")
            }
            let password = try row.flag("password_enabled")
            let mfa = try row.flag("mfa_active")
            let passwordChanged = try row.date("password_last_changed")
            let passwordUsed = try row.date("password_last_used")
            if password {
                model.credentials.append(
                    Credential(
                        id: "\(arn)#console-password", of: arn, mfa: mfa, created: passwordChanged, lastUsed: passwordUsed,
                        origin: origin))
            }
            if var p = principals[arn] {
                p.keyCount = existing
                p.hasPassword = password
                p.mfa = mfa
                principals[arn] = p
                if !password && existing > 0 { model.identities[p.identityIndex].kind = .service }
            }
        }
    }

    mutating func mapInventory(_ inventory: RawAWSInventory, file: String) throws(ImportError) {
        for (k, e) in inventory.resources.enumerated() {
            let path = "resources[\(k)]"
            let origin = e.origin
            let criticality = e.criticality ?? .low
            let id = principals[e.arn] != nil || groupIndex[e.arn] != nil ? Self.principalResource(e.arn) : e.arn
            declareResource(id, criticality: criticality, origin: origin)
            if Self.account(of: e.arn).isEmpty {
                if let account = e.account ?? (loadedAccounts.count == 1 ? loadedAccounts[0] : nil) {
                    accountlessByAccount[account, default: []].append(e.arn)
                } else {
                    note(file, path, "\(e.arn) names no account and the entry has no 'account': account admins are not given it")
                }
            }
            if let role = e.runs_as {
                guard let p = principals[role], !p.isUser else {
                    note(file, "\(path).runs_as", "\(role) is not a role of the loaded exports: the resource's role is ignored")
                    continue
                }
                running.append((e.arn, role))
            }
        }
    }
}
