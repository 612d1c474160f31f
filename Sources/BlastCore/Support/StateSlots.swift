import Synchronization

/// Dense per-state scratch reused across searches, so that a search costs what it reaches rather
/// than the size of the graph.
///
/// A search takes a zeroed table of one `Int32` per state from the pool, records `slot + 1` for
/// each state it reaches, and when the search's result is released, clears exactly the entries it
/// set and gives the table back. Tables are allocated zeroed (untouched pages cost nothing) and
/// only when every pooled table is in use, so concurrent searches each get their own.
public final class StatePool: Sendable {
    let stateCount: Int
    private let free = Mutex<[UInt]>([])

    init(stateCount: Int) {
        self.stateCount = stateCount
    }

    deinit {
        free.withLock { tables in
            for address in tables { UnsafeMutablePointer<Int32>(bitPattern: address)?.deallocate() }
        }
    }

    /// A zeroed table of `stateCount` entries.
    func take() -> UnsafeMutablePointer<Int32> {
        if let address = free.withLock({ $0.popLast() }), let table = UnsafeMutablePointer<Int32>(bitPattern: address) {
            return table
        }
        let table = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, stateCount))
        table.initialize(repeating: 0, count: max(1, stateCount))
        return table
    }

    /// Gives back a table whose entries are all zero again.
    func give(_ table: UnsafeMutablePointer<Int32>) {
        free.withLock { $0.append(UInt(bitPattern: table)) }
    }
}

/// The slots of one search: which states it reached, in first-reached order, and a constant-time
/// lookup from a state to its slot. Immutable once the search is done.
final class StateSlots: @unchecked Sendable {
    private let pool: StatePool
    private let table: UnsafeMutablePointer<Int32>
    /// Slot → state.
    private(set) var states: [SearchState] = []

    init(pool: StatePool) {
        self.pool = pool
        table = pool.take()
    }

    deinit {
        for s in states { table[s.index] = 0 }
        pool.give(table)
    }

    /// The slot of `state`, or nil when the search has not reached it.
    @inline(__always) func slot(_ state: SearchState) -> Int? {
        let k = table[state.index]
        return k == 0 ? nil : Int(k - 1)
    }

    /// The slot of `state`, adding one when the state is new (only while the search runs).
    @inline(__always) func slotAdding(_ state: SearchState) -> (slot: Int, isNew: Bool) {
        let k = table[state.index]
        if k != 0 { return (Int(k - 1), false) }
        states.append(state)
        table[state.index] = Int32(states.count)
        return (states.count - 1, true)
    }
}
