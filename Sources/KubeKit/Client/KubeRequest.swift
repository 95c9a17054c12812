import Foundation

/// One API call as the client's operations describe it, before credentials and retries.
struct KubeRequest: Sendable {
    /// Which failures may be retried without risking a change applied twice.
    enum Retry: Sendable {
        /// Repeating cannot change the outcome: retried on 429, 5xx and connection failures.
        case idempotent
        /// Retried only when the server says it did not process the request (429).
        case onlyIfRejected
    }

    var method: String
    var path: String
    var query: [(name: String, value: String)] = []
    var body: Data?
    var contentType: String?
    var retry: Retry

    /// `METHOD /path`, for messages and logs (the query may hold selectors, not secrets, but
    /// is left out to keep lines short).
    var summary: String { "\(method) \(path)" }

    static func get(_ path: String, query: [(name: String, value: String)] = []) -> KubeRequest {
        KubeRequest(method: "GET", path: path, query: query, retry: .idempotent)
    }
}
