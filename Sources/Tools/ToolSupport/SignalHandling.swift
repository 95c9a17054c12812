import BlueGreen
import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM (Ctrl-C, a CI job being aborted) into cancellation of the running
/// operation, so that it can release its lock and leave traffic where it was before exiting.
public enum SignalHandling {
    /// Runs `operation`, cancelling it on the first SIGINT/SIGTERM; a second signal exits at once.
    public static func cancellingOnSignals<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await operation() }
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            let count = SignalCount()
            source.setEventHandler {
                if count.increment() > 1 { exit(128 + number) }
                FileHandle.standardError.write(Data("\ninterrupted: stopping and releasing the lock (interrupt again to exit at once)\n".utf8))
                task.cancel()
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        return try await task.value
    }

    private final class SignalCount: Sendable {
        private let value = Mutex(0)
        func increment() -> Int { value.withLock { $0 += 1; return $0 } }
    }
}

extension SignalHandling {
    /// Runs a tool's operation with signal handling, turning anything it throws into a failure
    /// with the contract's exit code.
    public static func result<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async -> Result<T, DeployFailure> {
        do {
            return .success(try await cancellingOnSignals(operation))
        } catch {
            return .failure(DeployFailure(classifying: error))
        }
    }
}
