import BlastCore

/// `lp.shared-credential`: a credential with a copy stored in a resource (wiki page, chat
/// channel, ticket): who can read it, and what they gain that they did not have.
public struct SharedCredential: AuditRule {
    public init() {}
    public let id = "lp.shared-credential"
    public let severity = Severity.critical
    public let title = "Credential stored where others can read it"
    public let rationale =
        "Everyone who can read the copy can act as the credential's identity, bypassing the approvals, MFA and reviews that guard its grants."
    public let remedy = "Delete the copy, rotate the credential, and hand it out through a secret manager the readers cannot list."

    /// For each valid credential with copies: the readers (through `whoCan` with each reveal
    /// action), and per reader the credential's radius minus the reader's radius in a model where
    /// this credential has no copies.
    /// - Complexity: per shared credential, one compile, one who-can per copy and reveal action, and
    ///   one search per reader (resource positions are the same in both compiled graphs).
    public func findings(in c: AuditContext) -> [Finding] {
        let g = c.graph
        var out: [Finding] = []
        for credential in g.credentialIDs {
            let cred = g.credential(credential)
            guard !cred.storedIn.isEmpty, cred.isValid(at: c.settings.at) else { continue }
            let radius = c.radius(of: credential)
            var without = g.model
            without.credentials[credential.index].storedIn = []
            guard let g2 = try? AccessGraph.compile(without) else { preconditionFailure("removing stored_in broke the model") }
            var readers: [IdentityID: [PathStep]] = [:]
            var copyOf: [IdentityID: ResourceID] = [:]
            for place in Set(cred.storedIn).sorted() {
                guard case .resource(let r) = g.element(named: place) else { continue }
                for action in g.model.revealActions {
                    let who = g.whoCan(reach: r, action: action, options: c.options)
                    for (i, e) in who.identities where g.identity(i).id != cred.of && readers[i] == nil {
                        readers[i] = who.path(e)
                        copyOf[i] = r
                    }
                }
            }
            let credResources = Set(radius.resources.map(\.resource))
            var gains: [(reader: IdentityID, gain: [ResourceID])] = []
            for i in readers.keys.sorted(by: { g.identity($0).id < g.identity($1).id }) {
                let own = g2.reachedPositions(from: .session(Session(identity: i, mfa: false)), options: c.options)
                gains.append((i, credResources.filter { !own.contains($0.rawValue) }.sorted()))
            }
            let union = Set(gains.flatMap(\.gain)).sorted()
            let worst = union.map { g.resource($0).criticality }.max()
            let sev = worst.map { $0.severity } ?? .low
            let readerNames = gains.map { g.identity($0.reader).id }
            var evidence: [Evidence] = []
            if let first = gains.first(where: { !$0.gain.isEmpty }) ?? gains.first, let readPath = readers[first.reader],
                let copy = copyOf[first.reader]
            {
                var steps = readPath
                steps.append(
                    PathStep(
                        from: g.resource(copy).id, fromKind: .resource, to: cred.id, toKind: .credential,
                        edge: .pivot, origin: cred.origin))
                let best = g.mostCritical(in: IntervalSet(runs: first.gain.map { $0.rawValue..<$0.rawValue + 1 }))
                if let best, let reached = radius.resources.first(where: { $0.resource == best }) {
                    steps += radius.path(reached.proof)
                } else {
                    steps.append(g.credentialStep(credential))
                }
                evidence.append(Evidence("\(g.identity(first.reader).id) reads the copy and acts as \(cred.of)", steps))
            } else {
                evidence.append(Evidence("\(cred.id) acts as \(cred.of)", [g.credentialStep(credential)]))
            }
            let perReader = gains.filter { !$0.gain.isEmpty }.map { x in
                let crit = x.gain.filter { g.resource($0).criticality == .critical }.count
                return "\(g.identity(x.reader).id) +\(x.gain.count)" + (crit > 0 ? " (\(crit) critical)" : "")
            }
            let places = Set(cred.storedIn).sorted().joined(separator: ", ")
            var message = "\(cred.id) (acts as \(cred.of)) has a copy in \(places). "
            message +=
                readerNames.isEmpty
                ? "Nobody else can read it at the moment. "
                : "\(FindingText.plural(readerNames.count, "identity", "identities")) can read it: \(FindingText.list(readerNames, limit: 12)). "
            message +=
                union.isEmpty
                ? "Reading it gives them nothing they do not already reach."
                : "Reading it gives them \(FindingText.plural(union.count, "resource")) they could not reach otherwise (\(FindingText.list(union.map { g.resource($0).id }))); per reader: \(FindingText.list(perReader, limit: 12))."
            out.append(
                Finding(
                    rule: id, severity: sev,
                    title:
                        "\(cred.id) is stored in \(places), readable by \(FindingText.plural(readerNames.count, "identity", "identities"))",
                    subject: cred.id, subjects: [cred.id, cred.of] + cred.storedIn + readerNames,
                    message: message, evidence: evidence,
                    fix:
                        "Remove the copy from \(places), rotate \(cred.id), and give those who need to act as \(cred.of) an approval-gated assume instead.",
                    location: cred.origin))
        }
        return out
    }
}
