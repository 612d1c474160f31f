/// Dinic's maximum flow on integer capacities, with the minimum cut it proves.
struct MaxFlow {
    private var head: [Int32]
    private var next: [Int32] = []
    private var to: [Int32] = []
    private var capacity: [UInt64] = []
    static let infinite = UInt64(1) << 60

    init(nodes: Int) {
        head = Array(repeating: -1, count: nodes)
    }

    var nodeCount: Int { head.count }

    mutating func addNode() -> Int {
        head.append(-1)
        return head.count - 1
    }

    /// Adds an edge and its residual twin; returns the edge's index.
    @discardableResult
    mutating func addEdge(_ u: Int, _ v: Int, _ c: UInt64) -> Int {
        to.append(Int32(v)); capacity.append(c); next.append(head[u]); head[u] = Int32(to.count - 1)
        to.append(Int32(u)); capacity.append(0); next.append(head[v]); head[v] = Int32(to.count - 1)
        return to.count - 2
    }

    /// Pushes the maximum flow from `s` to `t`; capacities become residual.
    /// - Complexity: O(V² · E) worst case; far less on these layered graphs.
    mutating func run(_ s: Int, _ t: Int) -> UInt64 {
        var flow: UInt64 = 0
        var level = [Int32](repeating: -1, count: head.count)
        var iter = head
        while true {
            for k in level.indices { level[k] = -1 }
            level[s] = 0
            var queue = [s]
            var qi = 0
            while qi < queue.count {
                let u = queue[qi]; qi += 1
                var e = head[u]
                while e >= 0 {
                    let v = Int(to[Int(e)])
                    if capacity[Int(e)] > 0 && level[v] < 0 { level[v] = level[u] + 1; queue.append(v) }
                    e = next[Int(e)]
                }
            }
            if level[t] < 0 { return flow }
            iter = head
            while true {
                let f = push(s, t, MaxFlow.infinite, &level, &iter)
                if f == 0 { break }
                flow += f
            }
        }
    }

    private mutating func push(_ u: Int, _ t: Int, _ limit: UInt64, _ level: inout [Int32], _ iter: inout [Int32]) -> UInt64 {
        if u == t { return limit }
        while iter[u] >= 0 {
            let e = Int(iter[u])
            let v = Int(to[e])
            if capacity[e] > 0 && level[v] == level[u] + 1 {
                let f = push(v, t, min(limit, capacity[e]), &level, &iter)
                if f > 0 {
                    capacity[e] -= f
                    capacity[e ^ 1] += f
                    return f
                }
            }
            iter[u] = next[e]
        }
        return 0
    }

    /// After `run`, the nodes still reachable from `s` in the residual graph: the source side
    /// of a minimum cut.
    func sourceSide(_ s: Int) -> [Bool] {
        var seen = [Bool](repeating: false, count: head.count)
        seen[s] = true
        var stack = [s]
        while let u = stack.popLast() {
            var e = head[u]
            while e >= 0 {
                let v = Int(to[Int(e)])
                if capacity[Int(e)] > 0 && !seen[v] { seen[v] = true; stack.append(v) }
                e = next[Int(e)]
            }
        }
        return seen
    }

    func endpoints(_ edge: Int) -> (from: Int, to: Int) { (Int(to[edge ^ 1]), Int(to[edge])) }
}
