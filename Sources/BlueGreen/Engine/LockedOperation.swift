import Foundation
import Logging

/// Runs `body` while holding the app's Lease, and releases it afterwards — also when `body`
/// fails or the task is cancelled. Route and purge use it; deploy drives its lock through its
/// state machine.
struct LockedOperation: Sendable {
    var cluster: any BlueGreenCluster
    var app: String
    var identity: String
    var operation: String
    var wait: Duration
    var duration: Duration
    var now: @Sendable () -> Date
    var sleep: @Sendable (Duration) async throws -> Void
    var logger: Logger

    func run<T: Sendable>(_ body: @Sendable (LeaseLock) async throws -> T) async -> Result<T, DeployFailure> {
        let lock = LeaseLock(cluster: cluster, app: app, identity: identity, operation: operation, duration: duration, now: now, sleep: sleep, logger: logger)
        do {
            switch try await lock.acquire(wait: wait) {
            case .busy(let holder, let operation, let until):
                let what = operation.map { " (\($0))" } ?? ""
                let seconds = max(0, Int(until.timeIntervalSince(now()).rounded(.up)))
                return .failure(
                    DeployFailure(.locked, "\(Names.lease(app: app)) is held by \(holder)\(what) for another \(seconds)s; wait for that pipeline to finish, or pass --lock-wait to wait for it"))
            case .acquired:
                break
            }
        } catch {
            return .failure(DeployEngine.failure(from: error))
        }
        let result: Result<T, DeployFailure>
        do {
            result = .success(try await body(lock))
        } catch {
            result = .failure(DeployEngine.failure(from: error))
        }
        // Not inheriting the caller's cancellation, so that Ctrl-C still releases the lock.
        let release = await Task { () -> (any Error)? in
            do {
                try await lock.release()
                return nil
            } catch {
                return error
            }
        }.value
        if let release { logger.warning("could not release the lock (it expires by itself)", metadata: ["error": "\(release)"]) }
        return result
    }
}
