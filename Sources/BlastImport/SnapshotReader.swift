import BlastCore

/// Reads a snapshot payload (checked by `ModelSnapshot`) back into a `Model`; the layout is the
/// one `SnapshotWriter` documents. Every index, count and byte is checked: a bad one throws.
struct SnapshotReader {
    private var d: SnapshotDecoder
    private var strings: [String] = []
    /// Where each string's bytes start in the payload, for building key paths without copies.
    private var stringStarts: [Int] = []

    init(_ decoder: SnapshotDecoder) {
        d = decoder
    }

    /// - Complexity: O(n) in the size of the payload.
    mutating func model() throws(SnapshotProblem) -> Model {
        try readStrings()
        var m = Model(takeoverActions: [], revealActions: [])

        try d.tag("IDEN")
        var n = try d.count("identities", minimumSize: 9)
        var ids = try d.column(UInt32.self, n, "identity ids")
        let kinds = try d.column(UInt8.self, n, "identity kinds")
        var refs = try d.column(UInt32.self, n, "identity resources")
        var origins = try readOrigins(n, "identities")
        m.identities.reserveCapacity(n)
        for i in 0..<n {
            m.identities.append(Identity(id: try string(ids, i, "identities.id"), kind: try kind(kinds, i),
                                         resource: try optionalString(refs, i, "identities.resource"), origin: origins[i]))
        }

        try d.tag("CRED")
        n = try d.count("credentials", minimumSize: 37)
        ids = try d.column(UInt32.self, n, "credential ids")
        refs = try d.column(UInt32.self, n, "credential owners")
        let mfa = try d.column(UInt8.self, n, "credential mfa flags")
        var stored = try readLists(n, "credentials.stored_in")
        let created = try d.column(Int64.self, n, "credential creation dates")
        let lastUsed = try d.column(Int64.self, n, "credential last-use dates")
        let expires = try d.column(Int64.self, n, "credential expiry dates")
        origins = try readOrigins(n, "credentials")
        m.credentials.reserveCapacity(n)
        for i in 0..<n {
            m.credentials.append(Credential(
                id: try string(ids, i, "credentials.id"), of: try string(refs, i, "credentials.of"),
                mfa: try bool(mfa, i, "credential mfa"), storedIn: try stored.next(self),
                created: date(created, i), lastUsed: date(lastUsed, i), expires: date(expires, i), origin: origins[i]))
        }

        try d.tag("GRUP")
        n = try d.count("groups", minimumSize: 8)
        ids = try d.column(UInt32.self, n, "group ids")
        var members = try readLists(n, "groups.members")
        origins = try readOrigins(n, "groups")
        m.groups.reserveCapacity(n)
        for i in 0..<n {
            m.groups.append(Group(id: try string(ids, i, "groups.id"), members: try members.next(self), origin: origins[i]))
        }

        try d.tag("ROLE")
        n = try d.count("roles", minimumSize: 12)
        ids = try d.column(UInt32.self, n, "role ids")
        let allowCounts = try d.column(UInt32.self, n, "role allow counts")
        let denyCounts = try d.column(UInt32.self, n, "role deny counts")
        origins = try readOrigins(n, "roles")
        var statementCount = 0
        for i in 0..<n { statementCount += Int(allowCounts[i]) + Int(denyCounts[i]) }
        guard statementCount <= d.remaining / 16 else {
            throw .badCount(statementCount, offset: allowCounts.offset, field: "role statements")
        }
        var actions = try readLists(statementCount, "statements.actions")
        var resources = try readLists(statementCount, "statements.resources")
        var exceptActions = try readLists(statementCount, "statements.except_actions")
        var exceptResources = try readLists(statementCount, "statements.except_resources")
        let statementOrigins = try readOrigins(statementCount, "statements")
        var s = 0
        func statements(_ count: UInt32, _ reader: SnapshotReader) throws(SnapshotProblem) -> [Statement] {
            var out: [Statement] = []
            out.reserveCapacity(Int(count))
            for _ in 0..<count {
                out.append(Statement(actions: try actions.next(reader), resources: try resources.next(reader),
                                     exceptActions: try exceptActions.next(reader), exceptResources: try exceptResources.next(reader),
                                     origin: statementOrigins[s]))
                s += 1
            }
            return out
        }
        m.roles.reserveCapacity(n)
        for i in 0..<n {
            let id = try string(ids, i, "roles.id")
            let allow = try statements(allowCounts[i], self)
            let deny = try statements(denyCounts[i], self)
            m.roles.append(Role(id: id, allow: allow, deny: deny, origin: origins[i]))
        }

        try d.tag("GRNT")
        n = try d.count("grants", minimumSize: 41)
        ids = try d.column(UInt32.self, n, "grant targets")
        refs = try d.column(UInt32.self, n, "grant roles")
        let scopes = try d.column(UInt32.self, n, "grant scopes")
        var terms = try readTerms(n, "grants")
        let reviewed = try d.column(Int64.self, n, "grant review dates")
        origins = try readOrigins(n, "grants")
        m.grants.reserveCapacity(n)
        for i in 0..<n {
            m.grants.append(Grant(
                to: try string(ids, i, "grants.to"), role: try string(refs, i, "grants.role"),
                scope: try optionalString(scopes, i, "grants.scope"), terms: try terms.at(i, self),
                reviewed: date(reviewed, i), origin: origins[i]))
        }

        try d.tag("ASSM")
        n = try d.count("assumes", minimumSize: 29)
        ids = try d.column(UInt32.self, n, "assume sources")
        refs = try d.column(UInt32.self, n, "assume targets")
        terms = try readTerms(n, "assumes")
        origins = try readOrigins(n, "assumes")
        m.assumes.reserveCapacity(n)
        for i in 0..<n {
            m.assumes.append(Assume(from: try string(ids, i, "assumes.from"), to: try string(refs, i, "assumes.to"),
                                    terms: try terms.at(i, self), origin: origins[i]))
        }

        try d.tag("RSRC")
        n = try d.count("resources", minimumSize: 5)
        ids = try d.column(UInt32.self, n, "resource ids")
        let criticalities = try d.column(UInt8.self, n, "resource criticalities")
        origins = try readOrigins(n, "resources")
        m.resources.reserveCapacity(n)
        for i in 0..<n {
            m.resources.append(Resource(id: try string(ids, i, "resources.id"), criticality: try criticality(criticalities, i),
                                        origin: origins[i]))
        }

        try d.tag("ESCL")
        n = try d.count("escalations", minimumSize: 37)
        ids = try d.column(UInt32.self, n, "escalation techniques")
        refs = try d.column(UInt32.self, n, "escalation targets")
        let froms = try d.column(UInt32.self, n, "escalation sources")
        terms = try readTerms(n, "escalations")
        let requireCounts = try d.column(UInt32.self, n, "escalation requirement counts")
        var requirementCount = 0
        for i in 0..<n { requirementCount += Int(requireCounts[i]) }
        let requiredActions = try d.column(UInt32.self, requirementCount, "escalation requirement actions")
        let requiredResources = try d.column(UInt32.self, requirementCount, "escalation requirement resources")
        origins = try readOrigins(n, "escalations")
        m.escalations.reserveCapacity(n)
        var r = 0
        for i in 0..<n {
            var requires: [Escalation.Requirement] = []
            requires.reserveCapacity(Int(requireCounts[i]))
            for _ in 0..<requireCounts[i] {
                requires.append(.init(action: try string(requiredActions, r, "escalations.requires.action"),
                                      resource: try string(requiredResources, r, "escalations.requires.resource")))
                r += 1
            }
            m.escalations.append(Escalation(
                technique: try string(ids, i, "escalations.technique"), requires: requires,
                to: try string(refs, i, "escalations.to"), from: try optionalString(froms, i, "escalations.from"),
                terms: try terms.at(i, self), origin: origins[i]))
        }

        try d.tag("ACTS")
        n = try d.count("takeover actions", minimumSize: 4)
        ids = try d.column(UInt32.self, n, "takeover actions")
        for i in 0..<n { m.takeoverActions.append(try string(ids, i, "takeover_actions")) }
        n = try d.count("reveal actions", minimumSize: 4)
        ids = try d.column(UInt32.self, n, "reveal actions")
        for i in 0..<n { m.revealActions.append(try string(ids, i, "reveal_actions")) }

        guard d.isAtEnd else { throw .trailingBytes(offset: d.fileOffset) }
        return m
    }

    // MARK: Strings

    private mutating func readStrings() throws(SnapshotProblem) {
        try d.tag("STRS")
        let n = try d.count("strings", minimumSize: 4)
        strings.reserveCapacity(n)
        stringStarts.reserveCapacity(n)
        for k in 0..<n {
            let length = Int(try d.u32("the length of string \(k)"))
            let at = d.fileOffset
            let bytes = try d.raw(length, "string \(k)")
            guard let s = String(validating: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self) else {
                throw .badUTF8(index: k, offset: at)
            }
            strings.append(s)
            stringStarts.append(at - d.origin)
        }
    }

    @inline(__always)
    private func string(_ column: SnapshotColumn<UInt32>, _ i: Int, _ field: String) throws(SnapshotProblem) -> String {
        let k = column[i]
        guard k < strings.count else {
            throw .stringIndex(k, offset: column.offset(of: i), field: field, tableSize: strings.count)
        }
        return strings[Int(k)]
    }

    @inline(__always)
    private func optionalString(_ column: SnapshotColumn<UInt32>, _ i: Int, _ field: String) throws(SnapshotProblem) -> String? {
        column[i] == SnapshotFormat.noString ? nil : try string(column, i, field)
    }

    // MARK: Scalars

    @inline(__always)
    private func date(_ column: SnapshotColumn<Int64>, _ i: Int) -> Instant? {
        let v = column[i]
        return v == SnapshotFormat.noDate ? nil : Instant(secondsSinceEpoch: v)
    }

    private func bool(_ column: SnapshotColumn<UInt8>, _ i: Int, _ field: String) throws(SnapshotProblem) -> Bool {
        switch column[i] {
        case 0: return false
        case 1: return true
        case let b: throw .badByte(b, offset: column.offset(of: i), field: field)
        }
    }

    private func kind(_ column: SnapshotColumn<UInt8>, _ i: Int) throws(SnapshotProblem) -> IdentityKind {
        switch column[i] {
        case 0: return .human
        case 1: return .service
        case 2: return .agent
        case 3: return .workload
        case let b: throw .badByte(b, offset: column.offset(of: i), field: "identity kind")
        }
    }

    private func criticality(_ column: SnapshotColumn<UInt8>, _ i: Int) throws(SnapshotProblem) -> Criticality {
        switch column[i] {
        case 0: return .critical
        case 1: return .high
        case 2: return .medium
        case 3: return .low
        case let b: throw .badByte(b, offset: column.offset(of: i), field: "resource criticality")
        }
    }

    // MARK: Lists and terms

    /// Lists of strings: a count per owner, then every item; read in owner order with `next`.
    struct Lists {
        let counts: SnapshotColumn<UInt32>
        let items: SnapshotColumn<UInt32>
        let field: String
        var owner = 0
        var item = 0

        mutating func next(_ reader: SnapshotReader) throws(SnapshotProblem) -> [String] {
            let count = Int(counts[owner])
            owner += 1
            guard count > 0 else { return [] }
            var out: [String] = []
            out.reserveCapacity(count)
            for k in item..<(item + count) { out.append(try reader.string(items, k, field)) }
            item += count
            return out
        }
    }

    private mutating func readLists(_ n: Int, _ field: String) throws(SnapshotProblem) -> Lists {
        let counts = try d.column(UInt32.self, n, "\(field) counts")
        var total = 0
        for i in 0..<n { total += Int(counts[i]) }
        return Lists(counts: counts, items: try d.column(UInt32.self, total, field), field: field)
    }

    struct TermsColumns {
        let notBefore: SnapshotColumn<Int64>
        let expires: SnapshotColumn<Int64>
        let flags: SnapshotColumn<UInt8>
        let conditions: SnapshotColumn<UInt32>
        let field: String

        func at(_ i: Int, _ reader: SnapshotReader) throws(SnapshotProblem) -> Terms {
            let f = flags[i]
            guard f & ~3 == 0 else { throw .badByte(f, offset: flags.offset(of: i), field: "\(field) terms flags") }
            return Terms(notBefore: reader.date(notBefore, i), expires: reader.date(expires, i), approval: f & 1 != 0,
                         mfa: f & 2 != 0, condition: try reader.optionalString(conditions, i, "\(field).condition"))
        }
    }

    private mutating func readTerms(_ n: Int, _ field: String) throws(SnapshotProblem) -> TermsColumns {
        TermsColumns(notBefore: try d.column(Int64.self, n, "\(field) not_before dates"),
                     expires: try d.column(Int64.self, n, "\(field) expiry dates"),
                     flags: try d.column(UInt8.self, n, "\(field) terms flags"),
                     conditions: try d.column(UInt32.self, n, "\(field) conditions"), field: field)
    }

    // MARK: Origins

    private mutating func readOrigins(_ n: Int, _ field: String) throws(SnapshotProblem) -> [SourceLocation?] {
        let runCount = try d.count("\(field) origin runs", minimumSize: 28)
        let lengths = try d.column(UInt32.self, runCount, "\(field) origin run lengths")
        let files = try d.column(UInt32.self, runCount, "\(field) origin files")
        let lines = try d.column(Int64.self, runCount, "\(field) origin lines")
        let prefixes = try d.column(UInt32.self, runCount, "\(field) origin key paths")
        let numbers = try d.column(UInt32.self, runCount, "\(field) origin key path numbers")
        let suffixes = try d.column(UInt32.self, runCount, "\(field) origin key path suffixes")
        var out: [SourceLocation?] = []
        out.reserveCapacity(n)
        for r in 0..<runCount {
            let length = Int(lengths[r])
            guard length <= n - out.count else { throw .badCount(length, offset: lengths.offset(of: r), field: "\(field) origin run") }
            guard files[r] != SnapshotFormat.noString else {
                out.append(contentsOf: repeatElement(nil as SourceLocation?, count: length))
                continue
            }
            let file = try string(files, r, "\(field).origin.file")
            let line: Int? = lines[r] == SnapshotFormat.noLine ? nil : Int(lines[r])
            let prefix = try string(prefixes, r, "\(field).origin.key_path")
            let start = numbers[r]
            guard start != SnapshotFormat.noNumber else {
                guard suffixes[r] == SnapshotFormat.noString else {
                    throw .stringIndex(suffixes[r], offset: suffixes.offset(of: r), field: "\(field).origin.key_path suffix (none expected)",
                                       tableSize: strings.count)
                }
                out.append(contentsOf: repeatElement(SourceLocation(file: file, line: line, keyPath: prefix) as SourceLocation?, count: length))
                continue
            }
            guard length == 0 || UInt64(start) + UInt64(length) - 1 < UInt64(SnapshotFormat.noNumber) else {
                throw .badCount(length, offset: lengths.offset(of: r), field: "\(field) origin run")
            }
            _ = try string(suffixes, r, "\(field).origin.key_path suffix")
            let prefixBytes = stringBytes(prefixes[r]), suffixBytes = stringBytes(suffixes[r])
            for j in 0..<UInt32(length) {
                out.append(SourceLocation(file: file, line: line, keyPath: Self.keyPath(prefixBytes, start + j, suffixBytes)))
            }
        }
        guard out.count == n else { throw .badCount(out.count, offset: lengths.offset, field: "\(field) origins (expected \(n))") }
        return out
    }

    /// The UTF-8 bytes of string `k` (checked to be in range), inside the payload.
    private func stringBytes(_ k: UInt32) -> UnsafeRawBufferPointer {
        let start = stringStarts[Int(k)]
        let length = strings[Int(k)].utf8.count
        return UnsafeRawBufferPointer(rebasing: d.bytes[start..<(start + length)])
    }

    /// `prefix[number]suffix`, built in place.
    @inline(__always)
    static func keyPath(_ prefix: UnsafeRawBufferPointer, _ number: UInt32, _ suffix: UnsafeRawBufferPointer) -> String {
        var digits: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &digits) { scratch in
            var v = number, k = 16
            repeat {
                k -= 1
                scratch[k] = UInt8(truncatingIfNeeded: 48 + v % 10)
                v /= 10
            } while v > 0
            let digitCount = 16 - k
            let total = prefix.count + digitCount + 2 + suffix.count
            return String(unsafeUninitializedCapacity: total) { buffer in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                var p = 0
                raw.baseAddress!.copyMemory(from: prefix.baseAddress ?? UnsafeRawPointer(scratch.baseAddress!), byteCount: prefix.count)
                p += prefix.count
                raw[p] = UInt8(ascii: "[")
                p += 1
                (raw.baseAddress! + p).copyMemory(from: scratch.baseAddress! + k, byteCount: digitCount)
                p += digitCount
                raw[p] = UInt8(ascii: "]")
                p += 1
                (raw.baseAddress! + p).copyMemory(from: suffix.baseAddress ?? UnsafeRawPointer(scratch.baseAddress!), byteCount: suffix.count)
                return total
            }
        }
    }
}
