import Foundation
import SDKCore

/// A ``TokenProvider`` that caches a fetched token until shortly before it expires, and fetches
/// at most once at a time however many requests ask concurrently (single flight).
///
/// Wrap any token source in it: the exec plugin provider does, and so can the EKS token
/// (`CachingTokenProvider(refreshMargin: .seconds(60)) { … AccessToken(token: t, expiresAt: d) }`).
public actor CachingTokenProvider: TokenProvider {
    private let fetch: @Sendable () async throws -> AccessToken
    private let refreshMargin: Duration
    private let now: @Sendable () -> Date
    private var cached: AccessToken?
    private var inFlight: Task<AccessToken, any Error>?
    /// How many times the token was fetched; for diagnostics and tests.
    public private(set) var fetchCount = 0

    /// A cache around `fetch`, which is called again when the cached token is within
    /// `refreshMargin` of its expiry or a refresh is forced.
    public init(
        refreshMargin: Duration = .seconds(10),
        now: @escaping @Sendable () -> Date = { Date() },
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) {
        self.fetch = fetch
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// The cached token, or a freshly fetched one when it is missing, about to expire, or
    /// `forceRefresh` is set.
    public func token(forceRefresh: Bool) async throws -> Secret {
        try await accessToken(forceRefresh: forceRefresh).token
    }

    /// Like ``token(forceRefresh:)``, with the expiry.
    public func accessToken(forceRefresh: Bool) async throws -> AccessToken {
        if !forceRefresh, let cached, !cached.needsRefresh(at: now(), margin: refreshMargin) {
            return cached
        }
        if let inFlight {
            return try await inFlight.value
        }
        let task = Task { [fetch] in try await fetch() }
        inFlight = task
        fetchCount += 1
        defer { inFlight = nil }
        do {
            let token = try await task.value
            cached = token
            return token
        } catch {
            cached = nil
            throw error
        }
    }
}
