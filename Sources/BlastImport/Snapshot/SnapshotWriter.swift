import BlastCore

/// Writes a model's snapshot payload: the string table, then one section per element kind.
///
/// Sections, in order (each starts with its tag; `n` is a `UInt32` count; `[n]` a column):
///
/// ```
/// STRS  n, then n × (UInt32 length, UTF-8 bytes)
/// IDEN  n, id[n], kind u8[n], resource[n], origins(n)
/// CRED  n, id[n], of[n], mfa u8[n], stored_in list(n), created i64[n], last_used i64[n], expires i64[n], origins(n)
/// GRUP  n, id[n], members list(n), origins(n)
/// ROLE  n, id[n], allow count[n], deny count[n], origins(n); then for the m statements (each
///       role's allow, then its deny): actions list(m), resources list(m), except_actions list(m),
///       except_resources list(m), origins(m)
/// GRNT  n, to[n], role[n], scope[n], terms(n), reviewed i64[n], origins(n)
/// ASSM  n, from[n], to[n], terms(n), origins(n)
/// RSRC  n, id[n], criticality u8[n], origins(n)
/// ESCL  n, technique[n], to[n], from[n], terms(n), requires count[n], then for the t requirements
///       action[t], resource[t]; origins(n)
/// ACTS  takeover count, takeover[], reveal count, reveal[]
///
/// list(n)    count[n], then the sum of the counts in string indices
/// terms(n)   not_before i64[n], expires i64[n], flags u8[n] (1 approval, 2 mfa), condition[n]
/// origins(n) r, length[r], file[r], line i64[r], prefix[r], number[r], suffix[r]: run k gives
///            length[k] origins; number = noNumber gives key path prefix each time, otherwise the
///            j-th origin of the run has key path prefix + "[" + (number + j) + "]" + suffix
/// ```
///
/// Strings are `UInt32` indices into the table (`noString` for nil), in first-use order, so the
/// same model always gives the same bytes.
struct SnapshotWriter {
    private var table: [String: UInt32] = [:]
    private var strings: [String] = []
    private var out = SnapshotEncoder()

    /// The payload (everything after the header).
    /// - Complexity: O(n) in the size of the model.
    mutating func payload(_ model: Model) -> [UInt8] {
        // Nearly every distinct string is an element's id.
        let ids = model.identities.count + model.credentials.count + model.groups.count + model.roles.count + model.resources.count
        table.reserveCapacity(ids + 64)
        strings.reserveCapacity(ids + 64)
        out.bytes.reserveCapacity(
            64 + 40
                * (model.identities.count + model.credentials.count + model.resources.count
                    + model.grants.count))
        write(model)
        var head = SnapshotEncoder()
        head.tag("STRS")
        head.u32(UInt32(strings.count))
        head.bytes.reserveCapacity(8 + strings.count * 16 + out.bytes.count)
        for s in strings {
            head.u32(UInt32(s.utf8.count))
            head.bytes.append(contentsOf: s.utf8)
        }
        head.bytes.append(contentsOf: out.bytes)
        return head.bytes
    }

    private mutating func write(_ m: Model) {
        out.tag("IDEN")
        count(m.identities)
        ids(m.identities.map(\.id))
        out.column(m.identities.map { Self.code($0.kind) })
        ids(m.identities.map(\.resource))
        origins(m.identities.map(\.origin))

        out.tag("CRED")
        count(m.credentials)
        ids(m.credentials.map(\.id))
        ids(m.credentials.map(\.of))
        out.column(m.credentials.map { $0.mfa ? 1 as UInt8 : 0 })
        lists(m.credentials.map(\.storedIn))
        dates(m.credentials.map(\.created))
        dates(m.credentials.map(\.lastUsed))
        dates(m.credentials.map(\.expires))
        origins(m.credentials.map(\.origin))

        out.tag("GRUP")
        count(m.groups)
        ids(m.groups.map(\.id))
        lists(m.groups.map(\.members))
        origins(m.groups.map(\.origin))

        out.tag("ROLE")
        count(m.roles)
        ids(m.roles.map(\.id))
        out.column(m.roles.map { UInt32($0.allow.count) })
        out.column(m.roles.map { UInt32($0.deny.count) })
        origins(m.roles.map(\.origin))
        let statements = m.roles.flatMap { $0.allow + $0.deny }
        lists(statements.map(\.actions))
        lists(statements.map(\.resources))
        lists(statements.map(\.exceptActions))
        lists(statements.map(\.exceptResources))
        origins(statements.map(\.origin))

        out.tag("GRNT")
        count(m.grants)
        ids(m.grants.map(\.to))
        ids(m.grants.map(\.role))
        ids(m.grants.map(\.scope))
        terms(m.grants.map(\.terms))
        dates(m.grants.map(\.reviewed))
        origins(m.grants.map(\.origin))

        out.tag("ASSM")
        count(m.assumes)
        ids(m.assumes.map(\.from))
        ids(m.assumes.map(\.to))
        terms(m.assumes.map(\.terms))
        origins(m.assumes.map(\.origin))

        out.tag("RSRC")
        count(m.resources)
        ids(m.resources.map(\.id))
        out.column(m.resources.map { Self.code($0.criticality) })
        origins(m.resources.map(\.origin))

        out.tag("ESCL")
        count(m.escalations)
        ids(m.escalations.map(\.technique))
        ids(m.escalations.map(\.to))
        ids(m.escalations.map(\.from))
        terms(m.escalations.map(\.terms))
        out.column(m.escalations.map { UInt32($0.requires.count) })
        let requires = m.escalations.flatMap(\.requires)
        ids(requires.map(\.action))
        ids(requires.map(\.resource))
        origins(m.escalations.map(\.origin))

        out.tag("ACTS")
        count(m.takeoverActions)
        ids(m.takeoverActions)
        count(m.revealActions)
        ids(m.revealActions)
    }

    // MARK: Codes: stable bytes for the enums, independent of declaration order (the reader's
    // `SnapshotFormat.identityKinds` and `criticalities` list the cases in this order).

    static func code(_ kind: IdentityKind) -> UInt8 {
        switch kind {
        case .human: 0
        case .service: 1
        case .agent: 2
        case .workload: 3
        }
    }

    static func code(_ criticality: Criticality) -> UInt8 {
        switch criticality {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }

    // MARK: Columns

    private mutating func count<C: Collection>(_ items: C) {
        precondition(items.count < Int(UInt32.max), "a snapshot holds fewer than 2^32 - 1 items per list")
        out.u32(UInt32(items.count))
    }

    private mutating func index(_ s: String) -> UInt32 {
        if let k = table[s] { return k }
        precondition(strings.count < Int(SnapshotFormat.noString), "a snapshot holds fewer than 2^32 - 1 distinct strings")
        let k = UInt32(strings.count)
        table[s] = k
        strings.append(s)
        return k
    }

    private mutating func ids(_ values: [String]) {
        var column: [UInt32] = []
        column.reserveCapacity(values.count)
        for v in values { column.append(index(v)) }
        out.column(column)
    }

    private mutating func ids(_ values: [String?]) {
        var column: [UInt32] = []
        column.reserveCapacity(values.count)
        for v in values { column.append(v.map { index($0) } ?? SnapshotFormat.noString) }
        out.column(column)
    }

    private mutating func lists(_ values: [[String]]) {
        out.column(values.map { UInt32($0.count) })
        ids(values.flatMap { $0 })
    }

    private mutating func dates(_ values: [Instant?]) {
        out.column(
            values.map { d -> Int64 in
                guard let d else { return SnapshotFormat.noDate }
                precondition(d.secondsSinceEpoch != SnapshotFormat.noDate, "Int64.min seconds is the snapshot's nil date")
                return d.secondsSinceEpoch
            })
    }

    private mutating func terms(_ values: [Terms]) {
        dates(values.map(\.notBefore))
        dates(values.map(\.expires))
        out.column(values.map { t -> UInt8 in (t.approval ? 1 : 0) | (t.mfa ? 2 : 0) })
        ids(values.map(\.condition))
    }

    /// One origin, its key path split around its last `[n]`.
    private struct Place: Equatable {
        var file = SnapshotFormat.noString
        var line = SnapshotFormat.noLine
        var prefix = SnapshotFormat.noString
        var number = SnapshotFormat.noNumber
        var suffix = SnapshotFormat.noString

        /// Whether `next` is the origin after `self` in one run.
        func continues(to next: Place) -> Bool {
            guard file == next.file, line == next.line, prefix == next.prefix, suffix == next.suffix else { return false }
            if number == SnapshotFormat.noNumber { return next.number == SnapshotFormat.noNumber }
            return next.number != SnapshotFormat.noNumber && next.number == number + 1
        }
    }

    private mutating func place(_ origin: SourceLocation?) -> Place {
        guard let origin else { return Place() }
        var p = Place(file: index(origin.file))
        if let line = origin.line {
            precondition(Int64(line) != SnapshotFormat.noLine, "line Int64.min is the snapshot's nil line")
            p.line = Int64(line)
        }
        if let (prefix, number, suffix) = Self.split(origin.keyPath) {
            (p.prefix, p.number, p.suffix) = (index(prefix), number, index(suffix))
        } else {
            p.prefix = index(origin.keyPath)
        }
        return p
    }

    private mutating func origins(_ values: [SourceLocation?]) {
        var runs: [(first: Place, length: UInt32)] = []
        var last = Place()
        for origin in values {
            let p = place(origin)
            if let k = runs.indices.last, last.continues(to: p), runs[k].length < UInt32.max {
                runs[k].length += 1
            } else {
                runs.append((p, 1))
            }
            last = p
        }
        out.u32(UInt32(runs.count))
        out.column(runs.map(\.length))
        out.column(runs.map(\.first.file))
        out.column(runs.map(\.first.line))
        out.column(runs.map(\.first.prefix))
        out.column(runs.map(\.first.number))
        out.column(runs.map(\.first.suffix))
    }

    /// `grants[12].allow` → (`grants[12].allow`, nil): no trailing number;
    /// `roles[3].allow[1]` → (`roles[3].allow`, 1, ``); nil unless the last `[digits]` is written
    /// exactly as `String(number)` prints it (no leading zeros) and below `noNumber`.
    static func split(_ keyPath: String) -> (String, UInt32, String)? {
        let u = Array(keyPath.utf8)
        guard let close = u.lastIndex(of: UInt8(ascii: "]")), let open = u[..<close].lastIndex(of: UInt8(ascii: "[")) else { return nil }
        let digits = u[(open + 1)..<close]
        guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            digits.count == 1 || digits.first != 48
        else { return nil }
        let value = digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - 48) }
        guard value < UInt64(SnapshotFormat.noNumber) else { return nil }
        return (String(decoding: u[..<open], as: UTF8.self), UInt32(value), String(decoding: u[(close + 1)...], as: UTF8.self))
    }
}
