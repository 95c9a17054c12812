import SDKCore
import Synchronization
import Testing

struct RetryPolicyTests {
    /// The ceiling doubles per failure and is capped; full jitter picks within it.
    @Test func backoffCeilingDoublesAndIsCapped() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: { $0 })
        #expect(policy.delay(afterFailures: 1) == .milliseconds(100))
        #expect(policy.delay(afterFailures: 2) == .milliseconds(200))
        #expect(policy.delay(afterFailures: 4) == .milliseconds(800))
        #expect(policy.delay(afterFailures: 5) == .seconds(1))
        #expect(policy.delay(afterFailures: 60) == .seconds(1))
    }

    /// Full jitter never exceeds the ceiling and is not constant.
    @Test func fullJitterStaysWithinCeiling() {
        let samples = (0..<200).map { _ in RetryPolicy.fullJitter(.milliseconds(50)) }
        #expect(samples.allSatisfy { $0 >= .zero && $0 <= .milliseconds(50) })
        #expect(Set(samples.map(\.nanoseconds)).count > 1)
    }

    /// A server's Retry-After is a lower bound on the wait, itself capped by maxDelay.
    @Test func retryAfterIsHonouredButCapped() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(5), jitter: { _ in .zero })
        #expect(policy.delay(afterFailures: 1, retryAfter: .seconds(2)) == .seconds(2))
        #expect(policy.delay(afterFailures: 1, retryAfter: .seconds(60)) == .seconds(5))
        #expect(RetryPolicy.retryAfter(" 3 ") == .seconds(3))
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
    }

    /// Attempts stop at maxAttempts and the last error reaches the caller; each wait is slept.
    @Test func attemptsAreBounded() async throws {
        let slept = Mutex<[Duration]>([])
        let policy = RetryPolicy(
            maxAttempts: 3, baseDelay: .milliseconds(10), jitter: { $0 },
            sleep: { duration in slept.withLock { $0.append(duration) } })
        let calls = Mutex(0)
        await #expect(throws: Flaky.self) {
            try await policy.run({ _ in
                calls.withLock { $0 += 1 }
                throw Flaky()
            }, classify: { _ in .retry(after: nil) })
        }
        #expect(calls.withLock { $0 } == 3)
        #expect(slept.withLock { $0 } == [.milliseconds(10), .milliseconds(20)])
    }

    /// A result the classifier calls final is returned at once, and a later success ends the loop.
    @Test func stopsOnFinalResultAndOnSuccess() async throws {
        let policy = RetryPolicy(maxAttempts: 5, sleep: { _ in })
        let final = try await policy.run({ attempt in attempt }, classify: { _ in .stop })
        #expect(final == 1)
        let eventual = try await policy.run({ attempt in attempt }, classify: { result in
            (try? result.get()) == 3 ? .stop : .retry(after: nil)
        })
        #expect(eventual == 3)
    }

    struct Flaky: Error {}
}
