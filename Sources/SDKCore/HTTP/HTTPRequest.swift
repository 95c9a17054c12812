import Foundation

/// An HTTP request as the SDK's clients build it, before it goes to an ``HTTPTransport``.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: HTTPHeaderFields
    public var body: Data?

    public init(method: String, url: URL, headers: HTTPHeaderFields = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Whether repeating this request cannot change the outcome (RFC 9110 §9.2.2). Only these are
    /// retried without being told to.
    public var isIdempotent: Bool {
        switch method.uppercased() {
        case "GET", "HEAD", "OPTIONS", "PUT", "DELETE": return true
        default: return false
        }
    }
}

/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaderFields
    public var body: Data

    public init(status: Int, headers: HTTPHeaderFields = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// A response whose body arrives in chunks, for long-lived streams such as Kubernetes watches.
public struct HTTPStreamingResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaderFields
    /// The body's chunks as they arrive. Stopping the iteration (or cancelling the task that
    /// iterates) closes the connection.
    public var body: AsyncThrowingStream<Data, any Error>

    public init(status: Int, headers: HTTPHeaderFields, body: AsyncThrowingStream<Data, any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Reads the rest of the body, up to `limit` bytes.
    public func collect(upTo limit: Int = 64 << 20) async throws -> Data {
        var data = Data()
        for try await chunk in body {
            data.append(chunk)
            if data.count > limit { throw TransportError.bodyTooLarge(limit: limit) }
        }
        return data
    }
}
