import BlastCore

/// Reads a snapshot payload (checked by `ModelSnapshot`) back into a `Model`; the layout is the
/// one `SnapshotWriter` documents.
///
/// Each section is read in two passes: its columns are taken (bounds-checked) and every index,
/// count and byte in them is checked, throwing on the first bad one; only then are the elements
/// built, in loops that cannot fail. So a bad snapshot never yields a partial model, and the
/// building loops stay tight.
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
        m.identities = try readIdentities()
        m.credentials = try readCredentials()
        m.groups = try readGroups()
        m.roles = try readRoles()
        m.grants = try readGrants()
        m.assumes = try readAssumes()
        m.resources = try readResources()
        m.escalations = try readEscalations()
        try d.tag("ACTS")
        var n = try d.count("takeover actions", minimumSize: 4)
        let takeover = try stringColumn(n, "takeover_actions")
        m.takeoverActions = (0..<n).map { string(takeover[$0]) }
        n = try d.count("reveal actions", minimumSize: 4)
        let reveal = try stringColumn(n, "reveal_actions")
        m.revealActions = (0..<n).map { string(reveal[$0]) }
        guard d.isAtEnd else { throw .trailingBytes(offset: d.fileOffset) }
        return m
    }

    // MARK: Sections

    private mutating func readIdentities() throws(SnapshotProblem) -> [Identity] {
        try d.tag("IDEN")
        let n = try d.count("identities", minimumSize: 9)
        let ids = try stringColumn(n, "identities.id")
        let kinds = try byteColumn(n, "identity kind", cases: SnapshotFormat.identityKinds.count)
        let resources = try stringColumn(n, "identities.resource", optional: true)
        var origins = try readOrigins(n, "identities")
        return (0..<n).map { i in
            Identity(
                id: string(ids[i]), kind: SnapshotFormat.identityKinds[Int(kinds[i])],
                resource: optionalString(resources[i]), origin: origins.next(self))
        }
    }

    private mutating func readCredentials() throws(SnapshotProblem) -> [Credential] {
        try d.tag("CRED")
        let n = try d.count("credentials", minimumSize: 37)
        let ids = try stringColumn(n, "credentials.id")
        let owners = try stringColumn(n, "credentials.of")
        let mfa = try byteColumn(n, "credential mfa", cases: 2)
        var stored = try readLists(n, "credentials.stored_in")
        let created = try dateColumn(n, "credential creation dates")
        let lastUsed = try dateColumn(n, "credential last-use dates")
        let expires = try dateColumn(n, "credential expiry dates")
        var origins = try readOrigins(n, "credentials")
        return (0..<n).map { i in
            Credential(
                id: string(ids[i]), of: string(owners[i]), mfa: mfa[i] == 1, storedIn: stored.next(self),
                created: Self.date(created[i]), lastUsed: Self.date(lastUsed[i]), expires: Self.date(expires[i]),
                origin: origins.next(self))
        }
    }

    private mutating func readGroups() throws(SnapshotProblem) -> [Group] {
        try d.tag("GRUP")
        let n = try d.count("groups", minimumSize: 8)
        let ids = try stringColumn(n, "groups.id")
        var members = try readLists(n, "groups.members")
        var origins = try readOrigins(n, "groups")
        return (0..<n).map { i in Group(id: string(ids[i]), members: members.next(self), origin: origins.next(self)) }
    }

    private mutating func readRoles() throws(SnapshotProblem) -> [Role] {
        try d.tag("ROLE")
        let n = try d.count("roles", minimumSize: 12)
        let ids = try stringColumn(n, "roles.id")
        let allowCounts = try d.column(UInt32.self, n, "role allow counts")
        let denyCounts = try d.column(UInt32.self, n, "role deny counts")
        var roleOrigins = try readOrigins(n, "roles")
        var statementCount = 0
        for i in 0..<n { statementCount += Int(allowCounts[i]) + Int(denyCounts[i]) }
        guard statementCount <= d.remaining / 16 else {
            throw .badCount(statementCount, offset: allowCounts.offset, field: "role statements")
        }
        var actions = try readLists(statementCount, "statements.actions")
        var resources = try readLists(statementCount, "statements.resources")
        var exceptActions = try readLists(statementCount, "statements.except_actions")
        var exceptResources = try readLists(statementCount, "statements.except_resources")
        var origins = try readOrigins(statementCount, "statements")
        func statements(_ count: UInt32, _ reader: SnapshotReader) -> [Statement] {
            (0..<Int(count)).map { _ in
                Statement(
                    actions: actions.next(reader), resources: resources.next(reader),
                    exceptActions: exceptActions.next(reader), exceptResources: exceptResources.next(reader),
                    origin: origins.next(reader))
            }
        }
        return (0..<n).map { i in
            let allow = statements(allowCounts[i], self)
            let deny = statements(denyCounts[i], self)
            return Role(id: string(ids[i]), allow: allow, deny: deny, origin: roleOrigins.next(self))
        }
    }

    private mutating func readGrants() throws(SnapshotProblem) -> [Grant] {
        try d.tag("GRNT")
        let n = try d.count("grants", minimumSize: 41)
        let targets = try stringColumn(n, "grants.to")
        let roles = try stringColumn(n, "grants.role")
        let scopes = try stringColumn(n, "grants.scope", optional: true)
        let terms = try readTerms(n, "grants")
        let reviewed = try dateColumn(n, "grant review dates")
        var origins = try readOrigins(n, "grants")
        return (0..<n).map { i in
            Grant(
                to: string(targets[i]), role: string(roles[i]), scope: optionalString(scopes[i]), terms: terms.at(i, self),
                reviewed: Self.date(reviewed[i]), origin: origins.next(self))
        }
    }

    private mutating func readAssumes() throws(SnapshotProblem) -> [Assume] {
        try d.tag("ASSM")
        let n = try d.count("assumes", minimumSize: 29)
        let sources = try stringColumn(n, "assumes.from")
        let targets = try stringColumn(n, "assumes.to")
        let terms = try readTerms(n, "assumes")
        var origins = try readOrigins(n, "assumes")
        return (0..<n).map { i in
            Assume(from: string(sources[i]), to: string(targets[i]), terms: terms.at(i, self), origin: origins.next(self))
        }
    }

    private mutating func readResources() throws(SnapshotProblem) -> [Resource] {
        try d.tag("RSRC")
        let n = try d.count("resources", minimumSize: 5)
        let ids = try stringColumn(n, "resources.id")
        let criticalities = try byteColumn(n, "resource criticality", cases: SnapshotFormat.criticalities.count)
        var origins = try readOrigins(n, "resources")
        return (0..<n).map { i in
            Resource(id: string(ids[i]), criticality: SnapshotFormat.criticalities[Int(criticalities[i])], origin: origins.next(self))
        }
    }

    private mutating func readEscalations() throws(SnapshotProblem) -> [Escalation] {
        try d.tag("ESCL")
        let n = try d.count("escalations", minimumSize: 37)
        let techniques = try stringColumn(n, "escalations.technique")
        let targets = try stringColumn(n, "escalations.to")
        let sources = try stringColumn(n, "escalations.from", optional: true)
        let terms = try readTerms(n, "escalations")
        let requireCounts = try d.column(UInt32.self, n, "escalation requirement counts")
        var requirementCount = 0
        for i in 0..<n { requirementCount += Int(requireCounts[i]) }
        let actions = try stringColumn(requirementCount, "escalations.requires.action")
        let resources = try stringColumn(requirementCount, "escalations.requires.resource")
        var origins = try readOrigins(n, "escalations")
        var r = 0
        return (0..<n).map { i in
            let requires = (r..<(r + Int(requireCounts[i]))).map {
                Escalation.Requirement(action: string(actions[$0]), resource: string(resources[$0]))
            }
            r += requires.count
            return Escalation(
                technique: string(techniques[i]), requires: requires, to: string(targets[i]),
                from: optionalString(sources[i]), terms: terms.at(i, self), origin: origins.next(self))
        }
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
            let units = try d.raw(length, "string \(k)").assumingMemoryBound(to: UInt8.self)
            // ASCII (nearly every id) is valid as it stands and takes the fast path; the rest is validated.
            if Self.isASCII(units) {
                strings.append(String(decoding: units, as: UTF8.self))
            } else if let s = String(validating: units, as: UTF8.self) {
                strings.append(s)
            } else {
                throw .badUTF8(index: k, offset: at)
            }
            stringStarts.append(at - d.origin)
        }
    }

    /// Whether every byte is below 0x80, eight at a time.
    static func isASCII(_ units: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(units)
        var mask: UInt64 = 0, i = 0
        while i + 8 <= raw.count {
            mask |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < raw.count {
            mask |= UInt64(raw[i])
            i += 1
        }
        return mask & 0x8080_8080_8080_8080 == 0
    }

    /// A column of `n` string indices, each checked to be in the table (or `noString` when optional).
    private mutating func stringColumn(_ n: Int, _ field: String, optional: Bool = false) throws(SnapshotProblem) -> SnapshotColumn<UInt32>
    {
        let column = try d.column(UInt32.self, n, field)
        try check(column, field, optional: optional)
        return column
    }

    private func check(_ column: SnapshotColumn<UInt32>, _ field: String, optional: Bool = false) throws(SnapshotProblem) {
        let size = UInt32(strings.count)
        for i in 0..<column.count {
            let k = column[i]
            guard k < size || optional && k == SnapshotFormat.noString else {
                throw .stringIndex(k, offset: column.offset(of: i), field: field, tableSize: strings.count)
            }
        }
    }

    /// String `k`, checked when its column was taken.
    @inline(__always)
    private func string(_ k: UInt32) -> String { strings[Int(k)] }

    @inline(__always)
    private func optionalString(_ k: UInt32) -> String? { k == SnapshotFormat.noString ? nil : strings[Int(k)] }

    // MARK: Scalars

    @inline(__always)
    private static func date(_ v: Int64) -> Instant? { v == SnapshotFormat.noDate ? nil : Instant(secondsSinceEpoch: v) }

    /// A column of `n` optional dates, each the no-date sentinel or no earlier than
    /// `Instant.supportedRange` (the year 0000), so that nothing read from a snapshot overflows in
    /// date arithmetic. Later dates are kept as written: a model may use a far-future instant for
    /// "never", and the writer stores it.
    private mutating func dateColumn(_ n: Int, _ field: String) throws(SnapshotProblem) -> SnapshotColumn<Int64> {
        let column = try d.column(Int64.self, n, field)
        for i in 0..<n where column[i] != SnapshotFormat.noDate && column[i] < Instant.supportedRange.lowerBound {
            throw .badDate(column[i], offset: column.offset(of: i), field: field)
        }
        return column
    }

    /// A column of `n` bytes, each below `cases`.
    private mutating func byteColumn(_ n: Int, _ field: String, cases: Int) throws(SnapshotProblem) -> SnapshotColumn<UInt8> {
        let column = try d.column(UInt8.self, n, field)
        for i in 0..<n where Int(column[i]) >= cases {
            throw .badByte(column[i], offset: column.offset(of: i), field: field)
        }
        return column
    }

    // MARK: Lists and terms

    /// Lists of strings: a count per owner, then every item (checked); read in owner order with `next`.
    struct Lists {
        let counts: SnapshotColumn<UInt32>
        let items: SnapshotColumn<UInt32>
        var owner = 0
        var item = 0

        mutating func next(_ reader: SnapshotReader) -> [String] {
            let count = Int(counts[owner])
            owner += 1
            guard count > 0 else { return [] }
            defer { item += count }
            return (item..<(item + count)).map { reader.string(items[$0]) }
        }
    }

    private mutating func readLists(_ n: Int, _ field: String) throws(SnapshotProblem) -> Lists {
        let counts = try d.column(UInt32.self, n, "\(field) counts")
        var total = 0
        for i in 0..<n { total += Int(counts[i]) }
        return Lists(counts: counts, items: try stringColumn(total, field))
    }

    struct TermsColumns {
        let notBefore: SnapshotColumn<Int64>
        let expires: SnapshotColumn<Int64>
        let flags: SnapshotColumn<UInt8>
        let conditions: SnapshotColumn<UInt32>

        func at(_ i: Int, _ reader: SnapshotReader) -> Terms {
            let f = flags[i]
            return Terms(
                notBefore: SnapshotReader.date(notBefore[i]), expires: SnapshotReader.date(expires[i]), approval: f & 1 != 0,
                mfa: f & 2 != 0, condition: reader.optionalString(conditions[i]))
        }
    }

    private mutating func readTerms(_ n: Int, _ field: String) throws(SnapshotProblem) -> TermsColumns {
        TermsColumns(
            notBefore: try dateColumn(n, "\(field) not_before dates"),
            expires: try dateColumn(n, "\(field) expiry dates"),
            flags: try byteColumn(n, "\(field) terms flags", cases: 4),
            conditions: try stringColumn(n, "\(field).condition", optional: true))
    }

    // MARK: Origins

    /// Origins as runs (see `SnapshotWriter`), checked when read; `next` gives them in element order.
    struct Origins {
        let lengths: SnapshotColumn<UInt32>
        let files: SnapshotColumn<UInt32>
        let lines: SnapshotColumn<Int64>
        let prefixes: SnapshotColumn<UInt32>
        let numbers: SnapshotColumn<UInt32>
        let suffixes: SnapshotColumn<UInt32>
        private var run = -1
        private var left = 0
        private var current: SourceLocation?
        private var number = SnapshotFormat.noNumber
        private var prefix = UnsafeRawBufferPointer(start: nil, count: 0)
        private var suffix = UnsafeRawBufferPointer(start: nil, count: 0)

        init(
            lengths: SnapshotColumn<UInt32>, files: SnapshotColumn<UInt32>, lines: SnapshotColumn<Int64>,
            prefixes: SnapshotColumn<UInt32>, numbers: SnapshotColumn<UInt32>, suffixes: SnapshotColumn<UInt32>
        ) {
            (self.lengths, self.files, self.lines) = (lengths, files, lines)
            (self.prefixes, self.numbers, self.suffixes) = (prefixes, numbers, suffixes)
        }

        /// The next element's origin; called exactly as many times as the runs hold origins.
        mutating func next(_ reader: SnapshotReader) -> SourceLocation? {
            while left == 0 {
                run += 1
                left = Int(lengths[run])
                guard files[run] != SnapshotFormat.noString else {
                    current = nil
                    continue
                }
                let line = lines[run]
                current = SourceLocation(
                    file: reader.string(files[run]), line: line == SnapshotFormat.noLine ? nil : Int(line),
                    keyPath: reader.string(prefixes[run]))
                number = numbers[run]
                if number != SnapshotFormat.noNumber {
                    (prefix, suffix) = (reader.stringBytes(prefixes[run]), reader.stringBytes(suffixes[run]))
                }
            }
            left -= 1
            guard current != nil, number != SnapshotFormat.noNumber else { return current }
            defer { number += 1 }
            current!.keyPath = SnapshotReader.keyPath(prefix, number, suffix)
            return current
        }
    }

    private mutating func readOrigins(_ n: Int, _ field: String) throws(SnapshotProblem) -> Origins {
        let runCount = try d.count("\(field) origin runs", minimumSize: 28)
        let origins = Origins(
            lengths: try d.column(UInt32.self, runCount, "\(field) origin run lengths"),
            files: try stringColumn(runCount, "\(field).origin.file", optional: true),
            lines: try d.column(Int64.self, runCount, "\(field) origin lines"),
            prefixes: try stringColumn(runCount, "\(field).origin.key_path", optional: true),
            numbers: try d.column(UInt32.self, runCount, "\(field) origin key path numbers"),
            suffixes: try stringColumn(runCount, "\(field).origin.key_path suffix", optional: true))
        var total = 0
        for r in 0..<runCount {
            let length = Int(origins.lengths[r])
            total += length
            guard origins.files[r] != SnapshotFormat.noString else { continue }
            // A run that has a file has a key path; a suffix exactly when it counts, and counts below `noNumber`.
            let numbered = origins.numbers[r] != SnapshotFormat.noNumber
            guard origins.prefixes[r] != SnapshotFormat.noString else {
                throw .stringIndex(
                    origins.prefixes[r], offset: origins.prefixes.offset(of: r), field: "\(field).origin.key_path",
                    tableSize: strings.count)
            }
            guard numbered == (origins.suffixes[r] != SnapshotFormat.noString) else {
                throw .stringIndex(
                    origins.suffixes[r], offset: origins.suffixes.offset(of: r),
                    field: "\(field).origin.key_path suffix", tableSize: strings.count)
            }
            guard !numbered || length == 0 || UInt64(origins.numbers[r]) + UInt64(length) - 1 < UInt64(SnapshotFormat.noNumber) else {
                throw .badCount(length, offset: origins.lengths.offset(of: r), field: "\(field) origin run")
            }
        }
        guard total == n else { throw .badCount(total, offset: origins.lengths.offset, field: "\(field) origins (expected \(n))") }
        return origins
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
                let out = UnsafeMutableRawBufferPointer(buffer)
                var p = 0
                if prefix.count > 0 { out.baseAddress!.copyMemory(from: prefix.baseAddress!, byteCount: prefix.count) }
                p += prefix.count
                out[p] = UInt8(ascii: "[")
                p += 1
                (out.baseAddress! + p).copyMemory(from: scratch.baseAddress! + k, byteCount: digitCount)
                p += digitCount
                out[p] = UInt8(ascii: "]")
                p += 1
                if suffix.count > 0 { (out.baseAddress! + p).copyMemory(from: suffix.baseAddress!, byteCount: suffix.count) }
                return total
            }
        }
    }
}
