/// Totals over every request the sandbox answered since it started (or since
/// ``Sandbox/resetCounters()``).
public struct SandboxCounters: Sendable, Equatable, Codable {
    /// All requests.
    public var total = 0
    /// Requests per answered status (`401` counts authentication failures).
    public var byStatus: [Int: Int] = [:]
    /// Requests per Kubernetes verb.
    public var byVerb: [String: Int] = [:]
    /// Requests per `"VERB PATH"` (`"GET /apis/apps/v1/namespaces/default/deployments/web"`).
    public var byRoute: [String: Int] = [:]
    /// Requests answered with an injected fault.
    public var faultsInjected = 0

    /// Requests answered with this status.
    public func count(status: Int) -> Int { byStatus[status] ?? 0 }
    /// Requests with this verb.
    public func count(verb: String) -> Int { byVerb[verb] ?? 0 }
}
