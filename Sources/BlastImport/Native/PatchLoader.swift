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

    /// Reads a patch file keeping where each removal was written, so that applying it can name
    /// the patch's line (not a command-line option) when a removal matches nothing.
    public static func loadLocated(path: String) throws(ImportError) -> LocatedPatch {
        try decodeLocated(text: ModelSources.text(at: path), file: path)
    }

    public static func decode(text: String, file: String) throws(ImportError) -> ModelPatch {
        try decodeLocated(text: text, file: file).patch
    }

    public static func decodeLocated(text: String, file: String) throws(ImportError) -> LocatedPatch {
        guard let doc = try NodeReader.parse(text, file: file) else {
            throw ImportError(.emptyDocument, "the patch is empty; write `version: 1` and `remove:` or `add:`", file: file)
        }
        let fields = try doc.fields(Key.self)
        let version = try fields.required(.version, "1").scalar()
        guard version.text == RawModelFile.version else {
            throw ImportError(.unsupportedVersion, "unsupported version \(quoted(version.text)); patches are version 1", at: version.at)
        }
        var removals: [ModelChange] = []
        var origins: [SourceLocation] = []
        if let remove = fields[.remove] {
            let r = try remove.fields(RemoveKey.self)
            for g in try r[.grants]?.items() ?? [] {
                let f = try g.fields(GrantKey.self)
                origins.append(g.location)
                removals.append(
                    .revokeGrant(
                        to: try f.required(.to, "identity or group id").scalar().id(),
                        role: try f.required(.role, "role id").scalar().id()))
            }
            for g in try r[.groups]?.items() ?? [] {
                let f = try g.fields(GroupKey.self)
                let group = try f.required(.id, "group id").scalar().id()
                for m in try f.required(.members, "members to remove").scalars() {
                    origins.append(m.at)
                    removals.append(.removeMember(group: group, member: try m.id()))
                }
            }
            for a in try r[.assumes]?.items() ?? [] {
                let f = try a.fields(AssumeKey.self)
                origins.append(a.location)
                removals.append(
                    .removeAssume(
                        from: try f.required(.from, "identity or group id").scalar().id(),
                        to: try f.required(.to, "identity id").scalar().id()))
            }
            for c in try r[.credentials]?.items() ?? [] {
                let f = try c.fields(CredentialKey.self)
                let id = try f.required(.id, "credential id").scalar().id()
                if let copies = f[.storedIn] {
                    for resource in try copies.scalars() {
                        origins.append(resource.at)
                        removals.append(.purge(credential: id, resource: try resource.id()))
                    }
                } else {
                    origins.append(c.location)
                    removals.append(.rotate(credential: id))
                }
            }
            for i in try r[.identities]?.items() ?? [] {
                let f = try i.fields(IdentityKey.self)
                origins.append(i.location)
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
        precondition(origins.count == removals.count, "one origin per removal")
        return LocatedPatch(patch: ModelPatch(removals: removals, additions: additions), removalOrigins: origins)
    }
}

/// A patch with the place each removal was written.
public struct LocatedPatch: Sendable {
    public let patch: ModelPatch
    /// Where each of `patch.removals` was written, in the same order.
    public let removalOrigins: [SourceLocation]

    /// `model` with the removals applied one by one, then the additions merged in and validated,
    /// as `ModelPatch.apply(to:)` does; a removal that matches nothing is an error at its line in
    /// the patch.
    /// - Complexity: O(n) per removal, plus `Model.validate()`.
    public func apply(to model: Model) throws(ImportError) -> Model {
        var changed = model
        for (removal, origin) in zip(patch.removals, removalOrigins) {
            do {
                changed = try changed.applying([removal])
            } catch {
                // ModelChange's message starts with its command-line spelling; the patch has none.
                let prefix = "\(removal): "
                let what = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
                throw ImportError(.invalidModel, what + "; a removal must match something (a typo must not look like a fix)", at: origin)
            }
        }
        let result = Model.merged([changed, patch.additions])
        do { try result.validate() } catch { throw ImportError(error) }
        return result
    }
}
