import ArgumentParser
import BlastCore
import BlastImport
import BlastPresent

/// `blast what-if`: try a revocation before doing it.
struct WhatIfCommand: ParsableCommand, BlastRunnable {
    static let configuration = CommandConfiguration(
        commandName: "what-if",
        abstract: "The radius before and after a change: what is cut, what remains and by which path.",
        discussion: """
            Changes: --revoke-grant TO:ROLE, --remove-member GROUP:MEMBER, --remove-assume FROM:TO, --rotate CREDENTIAL,
            --purge CREDENTIAL:RESOURCE, --disable IDENTITY (each repeatable), or --patch FILE (docs/changes.md).
            Several --from model a multi-key compromise.
            Example: blast what-if samples/acme.yaml --from dave --purge deploy-token:wiki/runbooks/deploy --at 2026-11-23
            """)

    @OptionGroup var files: ModelFiles
    @Option(help: ArgumentHelp("A compromised credential or identity (repeat for several).", valueName: "id"))
    var from: [String]
    @Option(help: ArgumentHelp("Revoke every grant of ROLE to TO.", valueName: "to:role")) var revokeGrant: [String] = []
    @Option(help: ArgumentHelp("Remove MEMBER from GROUP.", valueName: "group:member")) var removeMember: [String] = []
    @Option(help: ArgumentHelp("Remove the assume FROM → TO.", valueName: "from:to")) var removeAssume: [String] = []
    @Option(help: ArgumentHelp("Rotate a credential: the old secret stops working.", valueName: "credential")) var rotate: [String] = []
    @Option(help: ArgumentHelp("Delete a credential's copy from a resource.", valueName: "credential:resource")) var purge: [String] = []
    @Option(help: ArgumentHelp("Disable an identity.", valueName: "identity")) var disable: [String] = []
    @Option(help: ArgumentHelp("A patch file: removals and additions in the model's schema.", valueName: "file")) var patch: String?
    @OptionGroup var query: QueryFlags
    @OptionGroup var detail: DetailFlag
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if from.isEmpty { throw ValidationError("give at least one --from") }
        // A malformed change is reported as itself before it could be dropped and look missing.
        for (name, values, form) in [
            ("--revoke-grant", revokeGrant, "TO:ROLE"), ("--remove-member", removeMember, "GROUP:MEMBER"),
            ("--remove-assume", removeAssume, "FROM:TO"), ("--purge", purge, "CREDENTIAL:RESOURCE"),
        ] {
            for v in values where WhatIfCommand.pair(v) == nil {
                throw ValidationError("\(name): '\(v)' is not of the form \(form)")
            }
        }
        if changes.isEmpty && patch == nil { throw ValidationError("give at least one change or --patch") }
    }

    /// `a:b` split at the first colon; ids with colons can use the patch file.
    static func pair(_ text: String) -> (String, String)? {
        guard let i = text.firstIndex(of: ":"), i != text.startIndex, text.index(after: i) != text.endIndex else { return nil }
        return (String(text[..<i]), String(text[text.index(after: i)...]))
    }

    var changes: [ModelChange] {
        revokeGrant.compactMap { Self.pair($0).map { .revokeGrant(to: $0.0, role: $0.1) } }
            + removeMember.compactMap { Self.pair($0).map { .removeMember(group: $0.0, member: $0.1) } }
            + removeAssume.compactMap { Self.pair($0).map { .removeAssume(from: $0.0, to: $0.1) } }
            + rotate.map { .rotate(credential: $0) }
            + purge.compactMap { Self.pair($0).map { .purge(credential: $0.0, resource: $0.1) } }
            + disable.map { .disable(identity: $0) }
    }

    func execute(_ io: inout CommandIO) throws(CommandFailure) -> ExitStatus {
        let model = try ModelInput.model(files, io: &io)
        let before = try ModelInput.compile(model)
        var starts: [AccessGraph.Start] = []
        for id in from { starts.append(try ModelInput.start(before, id, mfa: query.mfa)) }
        let (changed, all) = try changedModel(model)
        let answer = WhatIf(
            model: model, before: before, startIDs: from, starts: starts, changes: all,
            after: try ModelInput.compile(changed), options: query.options, detail: detail.detail)
        try output.emit(WhatIfPresenter(answer), &io)
        return .ok
    }

    /// The model with the command-line changes and then the patch file applied, and every change in order.
    /// A change on the command line that matches nothing is a usage error; one in the patch file, a data error.
    private func changedModel(_ model: Model) throws(CommandFailure) -> (Model, [ModelChange]) {
        var changed: Model
        do { changed = try model.applying(changes) } catch { throw CommandFailure(error.description, exitCode: .usage) }
        guard let patch else { return (changed, changes) }
        let p: LocatedPatch
        do { p = try PatchLoader.loadLocated(path: patch) } catch { throw CommandFailure(error) }
        do { changed = try p.apply(to: changed) } catch { throw CommandFailure(error) }
        return (changed, changes + p.patch.removals)
    }
}
