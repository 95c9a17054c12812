import Foundation

/// The one seam through which every network call of the SDK goes.
///
/// The production implementation is ``AsyncHTTPClientTransport``. Tests and embedders may supply
/// their own (a recorder, a proxy, a different HTTP stack) without touching the clients.
public protocol HTTPTransport: Sendable {
    /// Sends a request and reads the whole response.
    func execute(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse

    /// Sends a request and returns as soon as the response head arrives; the body streams.
    /// `timeout` bounds the wait for the head only, so a stream may stay open indefinitely.
    func stream(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPStreamingResponse
}

extension HTTPTransport {
    /// A default implementation that reads the whole body first; transports that can stream
    /// override it.
    public func stream(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPStreamingResponse {
        let response = try await execute(request, timeout: timeout)
        let body = AsyncThrowingStream<Data, any Error> { continuation in
            if !response.body.isEmpty { continuation.yield(response.body) }
            continuation.finish()
        }
        return HTTPStreamingResponse(status: response.status, headers: response.headers, body: body)
    }
}

/// Failures below HTTP: the request never got a complete answer.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The connection could not be made or broke before a response arrived.
        case connection
        /// No (complete) response in time.
        case timeout
        /// The TLS handshake failed, for example an untrusted server certificate.
        case tls
        /// The response body exceeded the size the caller accepts.
        case bodyTooLarge
        /// The request itself could not be built (a bad URL, bad TLS material).
        case invalidRequest
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func bodyTooLarge(limit: Int) -> TransportError {
        TransportError(.bodyTooLarge, "response body larger than \(limit) bytes")
    }

    /// Whether a retry could succeed where this attempt failed.
    public var isTransient: Bool { kind == .connection || kind == .timeout }

    public var description: String { message }
}
