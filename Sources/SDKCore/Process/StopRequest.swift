import Synchronization

/// When a child was asked to stop, and whether it was because its timeout passed. Set from the
/// timeout task and from a cancellation handler, read after the child is gone.
final class StopRequest: Sendable {
    private struct State {
        var instant: ContinuousClock.Instant?
        var timedOut = false
    }

    private let state = Mutex(State())

    /// When the first stop request came, if any did.
    var instant: ContinuousClock.Instant? { state.withLock { $0.instant } }
    /// Whether the timeout passed.
    var timedOut: Bool { state.withLock { $0.timedOut } }

    /// Notes a stop request (the first one's time is kept).
    func record(timedOut: Bool) {
        let now = ContinuousClock.now
        state.withLock { state in
            if state.instant == nil { state.instant = now }
            if timedOut { state.timedOut = true }
        }
    }
}
