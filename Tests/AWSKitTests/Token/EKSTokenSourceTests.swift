import AWSKit
import Foundation
import Synchronization
import Testing

struct EKSTokenSourceTests {
    final class Clock: Sendable {
        let value = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { value.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    final class Counter: Sendable {
        let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
    }

    static func source(_ clock: Clock, _ counter: Counter) -> EKSTokenSource {
        EKSTokenSource(clusterName: "prod", now: { clock.now }) { date in
            let credentials = AWSCredentials(accessKeyId: "AKIA\(counter.next())", secretAccessKey: "s")
            try await Task.sleep(for: .milliseconds(50))
            return try EKSToken.make(clusterName: "prod", credentials: credentials, region: "eu-west-1", date: date)
        }
    }

    /// A token is reused until its 14-minute expiry, then replaced; invalidate() (after a 401)
    /// forces a new one.
    @Test func reusesUntilExpiryAndAfterInvalidation() async throws {
        let clock = Clock()
        let counter = Counter()
        let source = Self.source(clock, counter)
        let first = try await source.token()
        clock.advance(13 * 60)
        #expect(try await source.token() == first)
        clock.advance(61)
        let second = try await source.token()
        #expect(second != first)
        await source.invalidate()
        #expect(try await source.token() != second)
        #expect(counter.value.withLock { $0 } == 3)
    }

    /// Concurrent callers share one new token.
    @Test func concurrentCallersShareOneToken() async throws {
        let counter = Counter()
        let source = Self.source(Clock(), counter)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await source.token().token.value } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens.count == 1)
        #expect(counter.value.withLock { $0 } == 1)
    }
}
