import BlueGreen
import SDKCore

/// Runs `operation`, cancelling it when `limit` passes (the operation then releases its lock and
/// fails); the failure says which limit was hit.
public func withTimeout<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            group.cancelAll()
            throw DeployFailure(.failed, "did not finish within --timeout \(DurationFormat.format(limit)); nothing was changed after that point")
        }
        return value
    }
}

extension Result where Failure == any Error {
    /// Captures the outcome of an async throwing body.
    public init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
