import BlastCore

/// Reads a change file for `what-if --patch` into a `ModelPatch` (BlastCore): removals and additions in the model's own schema.
///
/// ```yaml
/// version: 1
/// remove:
///   grants: [{to: sre, role: prod-admin}]          # revoke
///   groups: [{id: engineering, members: [contractors]}]   # remove members
///   assumes: [{from: ci-runner, to: deploy-bot}]
///   credentials: [{id: deploy-token}]               # rotate; with stored_in: purge those copies
///   identities: [{id: dave}]                        # disable
/// add:                                              # any model sections, merged in
///   grants: [{to: dave, role: wiki-reader}]
/// ```
public enum PatchLoader {
    enum Key: String, SchemaKey { case version, remove, add }
    enum RemoveKey: String, SchemaKey { case grants, groups, assumes, credentials, identities }
    enum GrantKey: String, SchemaKey { case to, role }
    enum GroupKey: String, SchemaKey { case id, members }
    enum AssumeKey: String, SchemaKey { case from, to }
    enum CredentialKey: String, SchemaKey { case id, storedIn = "stored_in" }
    enum IdentityKey: String, SchemaKey { case id }

    /// Reads a patch file; errors name the file, line and key path.
    public static func load(path: String) throws(ImportError) -> ModelPatch {
        try decode(text: ModelSources.text(at: path), file: path)
    }

    public static func decode(text: String, file: String) throws(ImportError) -> ModelPatch {
        guard let doc = try NodeReader.parse(text, file: file) else {
            throw ImportError(.emptyDocument, "the patch is empty; write `version: 1` and `remove:` or `add:`", file: file)
        }
        let fields = try doc.fields(Key.self)
        let version = try fields.required(.version, "1").scalar()
        guard version.text == RawModelFile.version else {
            throw ImportError(.unsupportedVersion, "unsupported version \(quoted(version.text)); patches are version 1", at: version.at)
        }
        var removals: [ModelChange] = []
        if let remove = fields[.remove] {
            let r = try remove.fields(RemoveKey.self)
            for g in try r[.grants]?.items() ?? [] {
                let f = try g.fields(GrantKey.self)
                removals.append(
                    .revokeGrant(
                        to: try f.required(.to, "identity or group id").scalar().id(),
                        role: try f.required(.role, "role id").scalar().id()))
            }
            for g in try r[.groups]?.items() ?? [] {
                let f = try g.fields(GroupKey.self)
                let group = try f.required(.id, "group id").scalar().id()
                for m in try f.required(.members, "members to remove").scalars() {
                    removals.append(.removeMember(group: group, member: try m.id()))
                }
            }
            for a in try r[.assumes]?.items() ?? [] {
                let f = try a.fields(AssumeKey.self)
                removals.append(
                    .removeAssume(
                        from: try f.required(.from, "identity or group id").scalar().id(),
                        to: try f.required(.to, "identity id").scalar().id()))
            }
            for c in try r[.credentials]?.items() ?? [] {
                let f = try c.fields(CredentialKey.self)
                let id = try f.required(.id, "credential id").scalar().id()
                if let copies = f[.storedIn] {
                    for resource in try copies.scalars() { removals.append(.purge(credential: id, resource: try resource.id())) }
                } else {
                    removals.append(.rotate(credential: id))
                }
            }
            for i in try r[.identities]?.items() ?? [] {
                let f = try i.fields(IdentityKey.self)
                removals.append(.disable(identity: try f.required(.id, "identity id").scalar().id()))
            }
        }
        var additions = Model(takeoverActions: [], revealActions: [])
        if let add = fields[.add] {
            additions = try RawModelFile(fragment: add).model()
            // A patch adds elements; it does not change the model's takeover and reveal actions.
            additions.takeoverActions = []
            additions.revealActions = []
        }
        return ModelPatch(removals: removals, additions: additions)
    }
}
