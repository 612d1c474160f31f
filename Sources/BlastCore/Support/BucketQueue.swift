/// Dial's bucket queue: states popped in nondecreasing distance, first in first out within a
/// distance, so that searches with small integer edge weights settle deterministically.
struct BucketQueue {
    private var buckets: [[SearchState]] = []
    private var current = 0
    private var next = 0

    /// - Complexity: amortised O(1) plus the buckets up to `distance`.
    mutating func push(_ state: SearchState, distance: UInt32) {
        while buckets.count <= Int(distance) { buckets.append([]) }
        buckets[Int(distance)].append(state)
    }

    /// The next state and its distance, or nil when the queue is empty. A state pushed several
    /// times comes out several times: callers skip entries whose distance is stale.
    mutating func pop() -> (state: SearchState, distance: UInt32)? {
        while current < buckets.count {
            if next < buckets[current].count {
                defer { next += 1 }
                return (buckets[current][next], UInt32(current))
            }
            buckets[current] = []
            current += 1
            next = 0
        }
        return nil
    }
}
