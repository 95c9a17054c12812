import AWSKit
import Foundation
import Synchronization
import Testing

struct CachingCredentialProviderTests {
    final class ManualClock: Sendable {
        let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// Expiring credentials are reused until the refresh margin before expiry, then refreshed.
    @Test func refreshesBeforeExpiry() async throws {
        let clock = ManualClock()
        let base = CountingProvider(lifetime: 3600, now: { clock.now })
        let cache = CachingCredentialProvider(base, refreshMargin: .seconds(300), now: { clock.now })
        let first = try await cache.credentials()
        clock.advance(3000)  // 10 minutes left: still outside the 5-minute margin
        #expect(try await cache.credentials() == first)
        #expect(base.count == 1)
        clock.advance(400)  // 3 minutes 20 left: inside the margin
        let second = try await cache.credentials()
        #expect(second != first)
        #expect(base.count == 2)
    }

    /// Fifty concurrent callers of an empty cache cause exactly one fetch and all get its result.
    @Test func concurrentCallersCauseOneRefresh() async throws {
        let base = CountingProvider(lifetime: 3600, delay: .milliseconds(200))
        let cache = CachingCredentialProvider(base)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await cache.credentials().accessKeyId } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(base.count == 1)
        #expect(keys.count == 1)
    }

    /// Long-term credentials (no expiry) are fetched once.
    @Test func longTermCredentialsAreFetchedOnce() async throws {
        let base = CountingProvider(lifetime: .infinity)
        let cache = CachingCredentialProvider(base)
        for _ in 0..<5 { _ = try await cache.credentials() }
        #expect(base.count == 1)
    }

    /// When a refresh fails inside the margin, the still-valid credentials are used; once they
    /// have expired, the failure surfaces.
    @Test func failedRefreshFallsBackToValidCredentials() async throws {
        let clock = ManualClock()
        let base = CountingProvider(lifetime: 600, now: { clock.now })
        let cache = CachingCredentialProvider(base, refreshMargin: .seconds(300), now: { clock.now })
        let first = try await cache.credentials()
        base.failing.withLock { $0 = true }
        clock.advance(400)
        #expect(try await cache.credentials() == first)
        clock.advance(300)
        await #expect(throws: CredentialError.self) { try await cache.credentials() }
    }
}
