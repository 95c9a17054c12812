import Dispatch

/// Runs async code to completion from libFuzzer's synchronous callback. The work runs on the
/// cooperative pool while the fuzzing thread waits, so it must not need the calling thread.
public func runBlocking(_ body: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task {
        await body()
        done.signal()
    }
    done.wait()
}
