import Foundation

/// When and how long to wait before repeating a failed call: capped exponential backoff with
/// full jitter (a random wait between zero and the capped exponential), bounded attempts, and a
/// server's `Retry-After` honoured as a lower bound.
public struct RetryPolicy: Sendable {
    /// Total attempts, the first included. `1` disables retries.
    public var maxAttempts: Int
    /// The backoff ceiling after the first failure; it doubles after each further one.
    public var baseDelay: Duration
    /// No single wait is longer than this, `Retry-After` included.
    public var maxDelay: Duration
    /// Picks the actual wait in `0...ceiling`; injectable so that tests are deterministic.
    public var jitter: @Sendable (Duration) -> Duration
    /// Sleeps; injectable so that tests need not wait.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(20),
        jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.fullJitter,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.sleep = sleep
    }

    /// The default for API calls.
    public static let standard = RetryPolicy()
    /// Never retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// A uniformly random duration in `0...ceiling`.
    @Sendable public static func fullJitter(_ ceiling: Duration) -> Duration {
        let nanos = ceiling.nanoseconds
        guard nanos > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanos))
    }

    /// The wait before attempt `attempt + 1`, after `attempt` failures (1-based).
    public func delay(afterFailures attempt: Int, retryAfter: Duration? = nil) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        var wait = jitter(ceiling)
        if let retryAfter { wait = max(wait, retryAfter) }
        return min(wait, maxDelay)
    }

    /// What a caller decides about one failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Worth repeating; the server may have said how long to wait.
        case retry(after: Duration?)
        /// Final: give this result to the caller.
        case stop
    }

    /// Runs `operation` until it succeeds, `classify` says stop, or the attempts run out.
    /// `classify` sees both thrown errors and returned values, so that an HTTP 503 response can
    /// be retried without being turned into an error first.
    public func run<T: Sendable>(
        _ operation: @Sendable (_ attempt: Int) async throws -> T,
        classify: @Sendable (Result<T, any Error>) -> Decision
    ) async throws -> T {
        var attempt = 1
        while true {
            let result: Result<T, any Error>
            do {
                result = .success(try await operation(attempt))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                result = .failure(error)
            }
            guard attempt < maxAttempts, case .retry(let retryAfter) = classify(result) else {
                return try result.get()
            }
            try await sleep(delay(afterFailures: attempt, retryAfter: retryAfter))
            attempt += 1
        }
    }
}

extension RetryPolicy {
    /// Parses an HTTP `Retry-After` value given in seconds (the HTTP-date form is treated as absent).
    public static func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
