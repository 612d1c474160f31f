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
    /// - Complexity: O(n) in the length of `text`: keys are compared byte for byte (unescaped),
    ///   linearly in small objects and by hash in objects of 16 keys or more.
    static func first(in text: String) -> Duplicate? {
        if let found = text.utf8.withContiguousStorageIfAvailable({ scan($0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { scan($0) }
    }

    private struct Level {
        var isObject: Bool
        var expectingKey: Bool
        /// Index of this object's first key in the shared key list.
        var keyStart: Int
        /// For objects with many keys: key hash → indices in the key list.
        var index: [Int: [Int]]?
    }

    private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Duplicate? {
        let n = b.count
        var levels: [Level] = []
        var keys: [Range<Int>] = []
        func same(_ x: Range<Int>, _ y: Range<Int>) -> Bool {
            guard x.count == y.count else { return false }
            var i = x.lowerBound
            var j = y.lowerBound
            while i < x.upperBound {
                if b[i] != b[j] { return false }
                i += 1
                j += 1
            }
            return true
        }
        func hash(_ r: Range<Int>) -> Int {
            var h = Hasher()
            h.combine(bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[r]))
            return h.finalize()
        }
        var i = 0
        while i < n {
            switch b[i] {
            case 0x7B:
                levels.append(Level(isObject: true, expectingKey: true, keyStart: keys.count, index: nil))
            case 0x5B:
                levels.append(Level(isObject: false, expectingKey: false, keyStart: keys.count, index: nil))
            case 0x7D, 0x5D:
                if let level = levels.popLast() { keys.removeSubrange(level.keyStart...) }
            case 0x2C:
                if !levels.isEmpty, levels[levels.count - 1].isObject { levels[levels.count - 1].expectingKey = true }
            case 0x22:
                let start = i + 1
                i += 1
                while i < n, b[i] != 0x22 { i += b[i] == 0x5C ? 2 : 1 }
                let last = levels.count - 1
                guard last >= 0, levels[last].isObject, levels[last].expectingKey else { break }
                levels[last].expectingKey = false
                let key = start..<min(i, n)
                let first = levels[last].keyStart
                var seen = false
                if keys.count - first < 16 {
                    var k = first
                    while k < keys.count, !seen {
                        seen = same(keys[k], key)
                        k += 1
                    }
                } else {
                    if levels[last].index == nil {
                        var index: [Int: [Int]] = [:]
                        for k in first..<keys.count { index[hash(keys[k]), default: []].append(k) }
                        levels[last].index = index
                    }
                    let h = hash(key)
                    seen = levels[last].index![h]?.contains { same(keys[$0], key) } ?? false
                    if !seen { levels[last].index![h, default: []].append(keys.count) }
                }
                if seen {
                    var line = 1
                    for k in 0..<start where b[k] == 0x0A { line += 1 }
                    return Duplicate(key: String(decoding: UnsafeBufferPointer(rebasing: b[key]), as: UTF8.self), line: line)
                }
                keys.append(key)
            default: break
            }
            i += 1
        }
        return nil
    }
}
