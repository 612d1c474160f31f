/// Finds a key written twice in one JSON object. Foundation's `JSONDecoder` keeps the first value
/// of a repeated key without a word (`{"identities": […], "identities": […]}` drops the second
/// list), while the YAML reader rejects duplicates; this check lets the JSON paths do the same.
enum JSONDuplicateKeys {
    struct Duplicate: Equatable {
        var key: String
        /// 1-based line of the second occurrence.
        var line: Int
    }

    /// The first key repeated within one object, or nil. Assumes well-formed JSON (on malformed
    /// text it returns nil or a best guess; the decoder reports the syntax error).
    /// - Complexity: O(n) in the length of `text` (keys compared byte for byte, unescaped).
    static func first(in text: String) -> Duplicate? {
        let b = Array(text.utf8)
        let n = b.count
        struct Level {
            var isObject: Bool
            var expectingKey: Bool
            var keyStart: Int
            var set: Set<ArraySlice<UInt8>>?
        }
        var levels: [Level] = []
        var keys: [ArraySlice<UInt8>] = []
        var i = 0
        while i < n {
            switch b[i] {
            case 0x7B:
                levels.append(Level(isObject: true, expectingKey: true, keyStart: keys.count, set: nil))
            case 0x5B:
                levels.append(Level(isObject: false, expectingKey: false, keyStart: keys.count, set: nil))
            case 0x7D, 0x5D:
                if let level = levels.popLast() { keys.removeSubrange(level.keyStart...) }
            case 0x2C:
                if let last = levels.indices.last, levels[last].isObject { levels[last].expectingKey = true }
            case 0x22:
                let start = i + 1
                i += 1
                while i < n, b[i] != 0x22 { i += b[i] == 0x5C ? 2 : 1 }
                guard let last = levels.indices.last, levels[last].isObject, levels[last].expectingKey else { break }
                levels[last].expectingKey = false
                let key = b[start..<min(i, n)]
                let count = keys.count - levels[last].keyStart
                var seen = false
                if count < 16 {
                    seen = keys[levels[last].keyStart...].contains(key)
                } else {
                    if levels[last].set == nil { levels[last].set = Set(keys[levels[last].keyStart...]) }
                    seen = !levels[last].set!.insert(key).inserted
                }
                if seen {
                    let line = b[..<start].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                    return Duplicate(key: String(decoding: key, as: UTF8.self), line: line)
                }
                keys.append(key)
                if count >= 16 { levels[last].set!.insert(key) }
            default: break
            }
            i += 1
        }
        return nil
    }
}
