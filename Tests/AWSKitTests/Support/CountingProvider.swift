import AWSKit
import Foundation
import Logging
import Synchronization

/// A credential provider that counts its calls and hands out credentials expiring at a chosen
/// time, after an optional delay (to make concurrent callers overlap).
final class CountingProvider: CredentialProvider {
    let calls = Mutex(0)
    let lifetime: TimeInterval
    let delay: Duration
    let now: @Sendable () -> Date
    let failing = Mutex(false)

    init(lifetime: TimeInterval = 3600, delay: Duration = .zero, now: @escaping @Sendable () -> Date = { Date() }) {
        self.lifetime = lifetime
        self.delay = delay
        self.now = now
    }

    var count: Int { calls.withLock { $0 } }

    func credentials(logger: Logger) async throws -> AWSCredentials {
        let number = calls.withLock { value -> Int in
            value += 1
            return value
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        if failing.withLock({ $0 }) { throw CredentialError(.providerFailed, "failing on purpose") }
        return AWSCredentials(
            accessKeyId: "ASIACOUNTING\(number)", secretAccessKey: "secret-\(number)", sessionToken: "token-\(number)",
            expiration: now().addingTimeInterval(lifetime))
    }
}
