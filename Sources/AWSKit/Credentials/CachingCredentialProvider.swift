import Foundation
import Logging

/// Keeps the credentials of another provider until shortly before they expire, and makes sure
/// that many concurrent callers cause one refresh, not one each.
///
/// Long-term credentials (no expiry) are fetched once. When a refresh fails while the cached
/// credentials are still valid, those are used until they really expire.
public actor CachingCredentialProvider: CredentialProvider {
    /// The provider whose credentials are cached.
    public nonisolated let base: any CredentialProvider
    /// How long before expiry a refresh happens.
    public nonisolated let refreshMargin: Duration
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var refresh: Task<AWSCredentials, any Error>?

    /// Creates a cache over `base`.
    /// - Parameters:
    ///   - refreshMargin: refresh this long before the credentials expire (default 5 minutes).
    ///   - now: the clock; inject one in tests.
    public init(_ base: any CredentialProvider, refreshMargin: Duration = .seconds(300), now: @escaping @Sendable () -> Date = { Date() }) {
        self.base = base
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// Cached credentials, or fresh ones when they are about to expire.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let instant = now()
        if let cached, !cached.expires(within: refreshMargin, of: instant) { return cached }
        let task: Task<AWSCredentials, any Error>
        if let refresh {
            task = refresh
        } else {
            let base = self.base
            task = Task { try await base.credentials(logger: logger) }
            refresh = task
            logger.debug("refreshing AWS credentials")
        }
        do {
            let fresh = try await task.value
            if refresh == task {
                refresh = nil
                cached = fresh
            }
            return fresh
        } catch {
            if refresh == task { refresh = nil }
            // Still valid (only inside the refresh margin): keep using them.
            if let cached, let expiration = cached.expiration, expiration > now() {
                logger.warning("refreshing AWS credentials failed; using the current ones until they expire", metadata: ["error": "\(error)"])
                return cached
            }
            throw error
        }
    }

    /// Forgets the cached credentials, so that the next call fetches new ones (after an
    /// `ExpiredToken` reply, for example).
    public func invalidate() {
        cached = nil
    }
}
