import Yams

/// The bound on YAML alias expansion: the one defence against "billion laughs" documents.
///
/// YAML lets a value be written once (`&name`) and repeated by reference (`*name`); every reader
/// walks the repeats as if they were written out, so a small file can stand for an enormous
/// document (179 KB of aliases once made 13 GB). Aliases stay allowed, since hand-written models
/// share statement lists with them, but a document may hold at most `limit(fileSize:)` nodes once
/// every alias is expanded: `baseNodes` plus `nodesPerByte` per byte of its file. A file without
/// aliases holds fewer nodes than bytes, so only amplification reaches the limit.
enum AliasExpansion {
    /// Nodes allowed whatever the file size.
    static let baseNodes = 100_000
    /// Nodes allowed per byte of the file.
    static let nodesPerByte = 10

    /// The largest number of nodes, aliases expanded, that a file of `fileSize` bytes may hold.
    static func limit(fileSize: Int) -> Int { baseNodes + nodesPerByte * max(0, fileSize) }

    /// The number of nodes `root` holds with every alias expanded, counting up to `budget`;
    /// throws when it holds more, naming the largest repeated value and the first alias of it.
    /// `fileSize` is only for the message. Call it while the `Yams.Parser` that composed `root`
    /// is alive: nodes hold their anchors weakly, so aliases are recognised only while it keeps them.
    /// - Complexity: O(n) in the number of nodes as written: each anchored value is measured once.
    static func count(_ root: Yams.Node, budget: Int, fileSize: Int, file: String, keyPath: String) throws(ImportError) -> Int {
        var sizes = Sizes(cap: budget + 1)
        let total = sizes.size(root)
        guard total > budget else { return total }
        var seen = Set<AnchorKey>()
        var worst: (alias: String, size: Int, anchorLine: Int?, keyPath: String)?
        func walk(_ node: Yams.Node, _ path: String) {
            if let anchor = node.anchor {
                guard seen.insert(AnchorKey(node)!).inserted else {
                    let size = sizes.size(node)
                    if size > worst?.size ?? 0 { worst = (anchor.rawValue, size, node.mark?.line, path) }
                    return
                }
            }
            switch node {
            case .scalar, .alias: break
            case .sequence(let s): for (i, child) in s.enumerated() { walk(child, "\(path)[\(i)]") }
            case .mapping(let m):
                for (key, value) in m {
                    walk(key, path)
                    walk(value, path.isEmpty ? key.string ?? "?" : "\(path).\(key.string ?? "?")")
                }
            }
        }
        walk(root, keyPath)
        let repeated =
            worst.map { w in
                "the alias *\(w.alias) repeats the \(w.size == budget + 1 ? "over-\(budget)" : String(w.size))-node value anchored"
                    + (w.anchorLine.map { " at line \($0)" } ?? "") + ", and with its other aliases "
            } ?? ""
        throw ImportError(
            .limitExceeded,
            repeated
                + "the document would hold more than \(budget) nodes once YAML aliases are expanded "
                + "(the limit is \(baseNodes) plus \(nodesPerByte) per byte of this \(fileSize)-byte file); "
                + "write the repeated values out, or split the file",
            file: file, keyPath: worst?.keyPath ?? keyPath)
    }

    /// An anchored value: its anchor's name and where the value was written, the same for the value
    /// and every alias of it (a later anchor of the same name is another value).
    private struct AnchorKey: Hashable {
        let name: String
        let line: Int
        let column: Int

        init?(_ node: Yams.Node) {
            guard let anchor = node.anchor else { return nil }
            (name, line, column) = (anchor.rawValue, node.mark?.line ?? 0, node.mark?.column ?? 0)
        }
    }

    /// Expanded sizes, memoised per anchored value and saturating at `cap`, so nested aliases
    /// that would expand exponentially are measured in linear time without overflow.
    private struct Sizes {
        let cap: Int
        var known: [AnchorKey: Int] = [:]

        mutating func size(_ node: Yams.Node) -> Int {
            let key = AnchorKey(node)
            if let key, let n = known[key] { return n }
            var n = 1
            switch node {
            case .scalar, .alias: break
            case .sequence(let s):
                for child in s where n < cap { n = min(cap, n + size(child)) }
            case .mapping(let m):
                for (k, v) in m where n < cap { n = min(cap, n + size(k) + size(v)) }
            }
            if let key { known[key] = n }
            return n
        }
    }
}
