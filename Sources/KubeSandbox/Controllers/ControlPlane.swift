import Foundation

/// Runs the controllers: a pass after every relevant change, and at the next timed change
/// (readiness, back-off cycles, progress deadlines).
final class ControlPlane: Sendable {
    private let store: ObjectStore
    private let settings: ControllerSettings
    private let kicks: AsyncStream<Void>.Continuation
    private let loop: Task<Void, Never>

    init(store: ObjectStore, settings: ControllerSettings) async {
        self.store = store
        self.settings = settings
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        kicks = continuation
        loop = Task { [store, settings] in
            var timer: Task<Void, Never>?
            for await _ in stream {
                let next = await store.runControllers(settings)
                timer?.cancel()
                timer = nil
                if let next {
                    let delay = max(0.001, next.timeIntervalSinceNow)
                    timer = Task {
                        try? await Task.sleep(for: .milliseconds(Int64(delay * 1000) + 1))
                        if !Task.isCancelled { continuation.yield() }
                    }
                }
            }
            timer?.cancel()
        }
        await store.setChangeHandler { [continuation] type in
            if ObjectStore.watchedByControllers.contains(type.resource) { continuation.yield() }
        }
        continuation.yield()
    }

    /// Requests a pass.
    func kick() { kicks.yield() }

    /// Stops the loop.
    func stop() async {
        kicks.finish()
        loop.cancel()
        _ = await loop.value
    }
}
