/// What the API layer answers: a complete body, or a stream of chunks (watches).
struct APIResponse: Sendable {
    enum Body: Sendable {
        case bytes([UInt8])
        case stream(AsyncStream<[UInt8]>)
    }

    var status: Int
    var headers: [(String, String)]
    var body: Body
    /// Set by fault injection: close the connection after this many body bytes.
    var dropAfterBytes: Int?

    static func json(_ value: JSON, status: Int = 200) -> APIResponse {
        APIResponse(status: status, headers: [("Content-Type", "application/json")], body: .bytes(value.bytes))
    }

    static func rawJSON(_ bytes: [UInt8], status: Int = 200) -> APIResponse {
        APIResponse(status: status, headers: [("Content-Type", "application/json")], body: .bytes(bytes))
    }

    static func text(_ text: String, status: Int = 200) -> APIResponse {
        APIResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: .bytes(Array(text.utf8)))
    }

    static func error(_ error: APIError) -> APIResponse {
        var response = json(error.status, status: error.code)
        if let retryAfter = error.retryAfterSeconds { response.headers.append(("Retry-After", String(retryAfter))) }
        return response
    }
}
