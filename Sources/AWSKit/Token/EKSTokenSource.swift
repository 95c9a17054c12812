import Foundation
import Logging

/// Hands out EKS tokens for one cluster, making a new one when the current one reaches its
/// 14-minute ``EKSToken/expiration`` or after ``invalidate()`` (call it when the API server
/// answers 401, then retry once). Many concurrent callers share one new token.
///
/// This is what a Kubernetes client's bearer-token seam should call before each request.
public actor EKSTokenSource {
    /// The cluster the tokens are for.
    public nonisolated let clusterName: String
    private let make: @Sendable (Date) async throws -> EKSToken
    private let now: @Sendable () -> Date
    private var current: EKSToken?
    private var pending: Task<EKSToken, any Error>?

    /// A source that signs with `configuration`'s credentials (after assuming `roleARN`, if given).
    public init(
        clusterName: String, configuration: AWSConfiguration = AWSConfiguration(), roleARN: String? = nil, logger: Logger = .awsKitNoop,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clusterName = clusterName
        self.now = now
        self.make = { date in try await EKSToken.make(clusterName: clusterName, configuration: configuration, roleARN: roleARN, date: date, logger: logger) }
    }

    /// A source with its own way of making tokens (tests, other signers).
    public init(clusterName: String, now: @escaping @Sendable () -> Date = { Date() }, make: @escaping @Sendable (Date) async throws -> EKSToken) {
        self.clusterName = clusterName
        self.now = now
        self.make = make
    }

    /// A token that is still good.
    public func token() async throws -> EKSToken {
        if let current, current.expiration > now() { return current }
        let task: Task<EKSToken, any Error>
        if let pending {
            task = pending
        } else {
            let make = self.make
            let date = now()
            task = Task { try await make(date) }
            pending = task
        }
        defer { if pending == task { pending = nil } }
        let fresh = try await task.value
        if pending == task { current = fresh }
        return fresh
    }

    /// Drops the current token (the server refused it), so that the next call makes a new one.
    public func invalidate() {
        current = nil
    }
}
