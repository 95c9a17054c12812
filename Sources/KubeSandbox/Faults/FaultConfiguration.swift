/// Faults the sandbox injects into its answers, to test how clients cope with a flaky API
/// server. Off by default; set at start (``SandboxConfiguration/faults``), at run time with
/// ``Sandbox/setFaults(_:)``, or through the admin endpoint (`PUT /sandbox/v1/faults` with this
/// structure as JSON).
///
/// Rates are shares between 0 and 1 of the requests the scope selects. With a `seed` the
/// choices repeat from run to run; with a rate of 1 every selected request is hit.
public struct FaultConfiguration: Sendable, Equatable, Codable {
    /// Share of requests answered with an error status instead of being served.
    public var errorRate: Double
    /// The statuses to answer with (one picked at random per fault): 500, 503 or 429.
    /// 429 and 503 carry `Retry-After: retryAfterSeconds`.
    public var errorStatuses: [Int]
    /// The `Retry-After` value of 429 and 503 answers, in seconds.
    public var retryAfterSeconds: Int
    /// Share of responses whose connection is closed half-way through the body.
    public var dropRate: Double
    /// Delay added before every selected answer, in milliseconds.
    public var latencyMilliseconds: Int
    /// When set, selected watches are closed by the server this many milliseconds after they open.
    public var watchCloseAfterMilliseconds: Int?
    /// Share of writes (create, update, patch, delete) answered `409 Conflict` ("the object has been modified").
    public var conflictRate: Double
    /// Only these verbs (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`); nil for all.
    public var verbs: [String]?
    /// Only paths starting with this; nil for all.
    public var pathPrefix: String?
    /// Stop after this many injected faults; nil for no limit.
    public var maxFaults: Int?
    /// Seed for the random choices; nil for a random seed.
    public var seed: UInt64?

    /// Creates a configuration; everything is off by default.
    public init(
        errorRate: Double = 0, errorStatuses: [Int] = [500, 503, 429], retryAfterSeconds: Int = 1, dropRate: Double = 0,
        latencyMilliseconds: Int = 0, watchCloseAfterMilliseconds: Int? = nil, conflictRate: Double = 0,
        verbs: [String]? = nil, pathPrefix: String? = nil, maxFaults: Int? = nil, seed: UInt64? = nil
    ) {
        self.errorRate = errorRate
        self.errorStatuses = errorStatuses
        self.retryAfterSeconds = retryAfterSeconds
        self.dropRate = dropRate
        self.latencyMilliseconds = latencyMilliseconds
        self.watchCloseAfterMilliseconds = watchCloseAfterMilliseconds
        self.conflictRate = conflictRate
        self.verbs = verbs
        self.pathPrefix = pathPrefix
        self.maxFaults = maxFaults
        self.seed = seed
    }

    /// No faults.
    public static let none = FaultConfiguration()

    /// Every selected request answered with `status` (500, 503 or 429).
    public static func errors(_ status: Int, rate: Double = 1, retryAfterSeconds: Int = 1) -> FaultConfiguration {
        FaultConfiguration(errorRate: rate, errorStatuses: [status], retryAfterSeconds: retryAfterSeconds)
    }

    /// The added latency as a duration.
    public var latency: Duration {
        get { .milliseconds(latencyMilliseconds) }
        set { latencyMilliseconds = Int(newValue.components.seconds * 1000 + newValue.components.attoseconds / 1_000_000_000_000_000) }
    }

    /// Whether any fault is configured.
    public var isActive: Bool {
        errorRate > 0 || dropRate > 0 || latencyMilliseconds > 0 || watchCloseAfterMilliseconds != nil || conflictRate > 0
    }

    /// The problem with the configuration, if any.
    func validationError() -> String? {
        for (name, rate) in [("errorRate", errorRate), ("dropRate", dropRate), ("conflictRate", conflictRate)] where !(0...1).contains(rate) {
            return "fault \(name) \(rate) is out of range; use a share between 0 and 1"
        }
        if errorRate > 0, errorStatuses.isEmpty || !errorStatuses.allSatisfy({ [500, 503, 429].contains($0) }) {
            return "fault errorStatuses \(errorStatuses) must be chosen from 500, 503 and 429"
        }
        if latencyMilliseconds < 0 || retryAfterSeconds < 0 || (watchCloseAfterMilliseconds ?? 0) < 0 {
            return "fault durations must not be negative"
        }
        return nil
    }
}
