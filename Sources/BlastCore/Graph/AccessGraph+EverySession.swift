import Dispatch

extension AccessGraph {
    /// Runs `body` on the view of every session that can exist under `options` (both MFA modes
    /// where `mfaSessionsPossible` allows), in parallel over chunks of identities. Each chunk
    /// accumulates into its own value; the values come back in identity order, so the result does
    /// not depend on the number of threads or on scheduling.
    /// - Complexity: O(I · v) work for I identities with view cost v, spread over the cores.
    func forEverySession<Part: Sendable>(
        options: QueryOptions, empty: Part, _ body: @Sendable (SessionView, inout Part) -> Void
    ) -> [Part] {
        let possible = mfaSessionsPossible(options: options)
        let n = identityCount
        let chunk = 2048
        let chunks = (n + chunk - 1) / chunk
        let parts = ChunkResults(count: chunks, empty: empty)
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            var part = empty
            for i in k * chunk..<min(n, (k + 1) * chunk) {
                for mfa in [false, true] where !mfa || possible[i] {
                    body(view(of: Session(identity: IdentityID(i), mfa: mfa), options: options), &part)
                }
            }
            parts.set(k, part)
        }
        return parts.values
    }

    /// Runs `body` on the moves of every valid credential and of every grant state (a grant whose
    /// role can reveal a copy or take over an identity), in state order: the states besides
    /// sessions that searches over the whole graph need.
    func forEveryCredentialAndGrantState(at: Instant, _ body: (_ state: SearchState, _ moves: [Move]) -> Void) {
        for c in credentials.indices where credentials[c].isValid(at: at) {
            body(state(of: CredentialID(c)), moves(fromCredential: CredentialID(c)))
        }
        for g in grants.indices where roleHasPowers[grants[g].role.index] {
            body(state(of: GrantID(g)), moves(fromGrant: GrantID(g), at: at))
        }
    }
}

/// One slot per chunk, each written by exactly one worker of a `concurrentPerform` and read only
/// after it returns.
private final class ChunkResults<Part: Sendable>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Part>

    init(count: Int, empty: Part) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: empty)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ k: Int, _ part: Part) { slots[k] = part }

    var values: [Part] { Array(slots) }
}
