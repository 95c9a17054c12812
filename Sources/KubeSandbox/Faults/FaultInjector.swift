import Synchronization

/// Decides, request by request, which configured fault (if any) applies.
final class FaultInjector: Sendable {
    struct Decision {
        var latency: Duration?
        var error: APIError?
        var drop = false
        var conflict = false
        var closeWatchAfter: Duration?
    }

    private struct State {
        var configuration: FaultConfiguration
        var generator: SplitMix64
        var injected = 0
    }

    private let state: Mutex<State>

    init(_ configuration: FaultConfiguration) {
        state = Mutex(State(configuration: configuration, generator: SplitMix64(seed: configuration.seed ?? UInt64.random(in: 0...UInt64.max))))
    }

    var configuration: FaultConfiguration { state.withLock { $0.configuration } }

    func set(_ configuration: FaultConfiguration) {
        state.withLock {
            $0.configuration = configuration
            $0.generator = SplitMix64(seed: configuration.seed ?? UInt64.random(in: 0...UInt64.max))
            $0.injected = 0
        }
    }

    /// Total faults injected since the configuration was last set.
    var injectedCount: Int { state.withLock { $0.injected } }

    func decide(verb: String, path: String) -> Decision {
        state.withLock { state in
            let config = state.configuration
            var decision = Decision()
            guard config.isActive else { return decision }
            if let verbs = config.verbs, !verbs.contains(verb) { return decision }
            if let prefix = config.pathPrefix, !path.hasPrefix(prefix) { return decision }
            if config.latencyMilliseconds > 0 { decision.latency = .milliseconds(config.latencyMilliseconds) }
            if let limit = config.maxFaults, state.injected >= limit { return decision }
            func roll(_ rate: Double) -> Bool {
                guard rate > 0 else { return false }
                return rate >= 1 || Double(state.generator.next() >> 11) / Double(1 << 53) < rate
            }
            if roll(config.errorRate), !config.errorStatuses.isEmpty {
                let status = config.errorStatuses[Int(state.generator.next() % UInt64(config.errorStatuses.count))]
                switch status {
                case 429: decision.error = .tooManyRequests(retryAfter: config.retryAfterSeconds)
                case 503:
                    var error = APIError.serviceUnavailable()
                    error.retryAfterSeconds = config.retryAfterSeconds
                    decision.error = error
                default: decision.error = .internalError("injected fault")
                }
                state.injected += 1
                return decision
            }
            if ["create", "update", "patch", "delete"].contains(verb), roll(config.conflictRate) {
                decision.conflict = true
                state.injected += 1
                return decision
            }
            if verb == "watch", let after = config.watchCloseAfterMilliseconds {
                decision.closeWatchAfter = .milliseconds(after)
                state.injected += 1
                return decision
            }
            if roll(config.dropRate) {
                decision.drop = true
                state.injected += 1
            }
            return decision
        }
    }
}
