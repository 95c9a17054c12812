import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// The production ``HTTPTransport``, backed by AsyncHTTPClient.
///
/// Use ``shared`` for public endpoints (AWS). A transport made with its own ``Configuration``
/// (custom CA, client certificate) owns a connection pool; call ``shutdown()`` when done with it,
/// or let it go and it shuts itself down.
public final class AsyncHTTPClientTransport: HTTPTransport {
    /// Settings for a transport with its own connection pool.
    public struct Configuration: Sendable {
        public var tls: TLSOptions
        /// Maps a host name used in URLs (and checked against the server certificate) to the
        /// address actually connected to; this is how a kubeconfig's `tls-server-name` is honoured.
        public var dnsOverride: [String: String]
        /// Time allowed to establish a connection.
        public var connectTimeout: Duration
        /// Whether 3xx responses are followed.
        public var followRedirects: Bool

        public init(
            tls: TLSOptions = .system,
            dnsOverride: [String: String] = [:],
            connectTimeout: Duration = .seconds(10),
            followRedirects: Bool = false
        ) {
            self.tls = tls
            self.dnsOverride = dnsOverride
            self.connectTimeout = connectTimeout
            self.followRedirects = followRedirects
        }
    }

    /// A process-wide transport with the system trust store, for public endpoints such as AWS.
    /// It is never shut down. Connection failures surface at once (no silent reconnect loop),
    /// so that the caller's ``RetryPolicy`` decides about retries.
    public static let shared: AsyncHTTPClientTransport = {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: makeClientConfiguration(.init(), tls: .makeClientConfiguration()))
        return AsyncHTTPClientTransport(client: client, owned: false)
    }()

    private let client: HTTPClient
    private let owned: Bool
    private let isShutDown = Mutex(false)

    private init(client: HTTPClient, owned: Bool) {
        self.client = client
        self.owned = owned
    }

    /// Creates a transport with its own connection pool.
    /// - Throws: ``TransportError`` with kind `.invalidRequest` when the TLS material cannot be parsed.
    public convenience init(configuration: Configuration) throws {
        let clientConfiguration = Self.makeClientConfiguration(configuration, tls: try Self.tlsConfiguration(configuration.tls))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        self.init(client: client, owned: true)
    }

    private static func makeClientConfiguration(_ configuration: Configuration, tls: TLSConfiguration) -> HTTPClient.Configuration {
        var tls = tls
        // Closing a TLS connection (a finished watch, shutdown) waits for the peer's close_notify;
        // a peer that never answers would hold every deploy's exit for NIOSSL's default 5 s.
        tls.shutdownTimeout = .seconds(1)
        var clientConfiguration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: configuration.followRedirects ? .follow(max: 5, allowCycles: false) : .disallow,
            timeout: .init(connect: .nanoseconds(Int64(configuration.connectTimeout.nanoseconds)))
        )
        clientConfiguration.dnsOverride = configuration.dnsOverride
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        return clientConfiguration
    }

    deinit {
        guard owned else { return }
        let alreadyShutDown = isShutDown.withLock { state in
            defer { state = true }
            return state
        }
        if !alreadyShutDown {
            client.shutdown { _ in }
        }
    }

    /// Closes the connection pool of a transport made with its own configuration. Idempotent.
    public func shutdown() async throws {
        guard owned else { return }
        let alreadyShutDown = isShutDown.withLock { state in
            defer { state = true }
            return state
        }
        if !alreadyShutDown {
            try await client.shutdown()
        }
    }

    public func execute(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.nanoseconds))
        do {
            let response = try await client.execute(try Self.clientRequest(request), deadline: deadline)
            let body = try await response.body.collect(upTo: 256 << 20)
            let data = Data(body.readableBytesView)
            return HTTPResponse(status: Int(response.status.code), headers: Self.fields(response.headers), body: data)
        } catch {
            throw Self.translate(error)
        }
    }

    public func stream(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPStreamingResponse {
        // The deadline bounds only the wait for the response head; a stream may stay open.
        let deadline = NIODeadline.now() + .nanoseconds(Int64(timeout.nanoseconds))
        let response: HTTPClientResponse
        do {
            let headTask = Task { [client] in
                try await client.execute(try Self.clientRequest(request), deadline: .distantFuture)
            }
            response = try await Self.withDeadline(deadline, cancelling: headTask)
        } catch {
            throw Self.translate(error)
        }
        let body = AsyncThrowingStream<Data, any Error> { continuation in
            let reader = Task {
                do {
                    for try await buffer in response.body {
                        if buffer.readableBytes > 0 { let data = Data(buffer.readableBytesView)
                            continuation.yield(data)
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: Self.translate(error))
                }
            }
            continuation.onTermination = { _ in reader.cancel() }
        }
        return HTTPStreamingResponse(status: Int(response.status.code), headers: Self.fields(response.headers), body: body)
    }

    // MARK: - Conversions

    private static func withDeadline<T: Sendable>(_ deadline: NIODeadline, cancelling task: Task<T, any Error>) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() } }
            group.addTask {
                let remaining = deadline - .now()
                try await Task.sleep(for: .nanoseconds(max(0, remaining.nanoseconds)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                task.cancel()
                throw TransportError(.timeout, "no response before the deadline")
            }
            return value
        }
    }

    private static func clientRequest(_ request: HTTPRequest) throws -> HTTPClientRequest {
        var clientRequest = HTTPClientRequest(url: request.url.absoluteString)
        clientRequest.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers {
            clientRequest.headers.add(name: name, value: value)
        }
        if let body = request.body {
            clientRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        return clientRequest
    }

    private static func fields(_ headers: HTTPHeaders) -> HTTPHeaderFields {
        HTTPHeaderFields(headers.map { ($0.name, $0.value) })
    }

    private static func tlsConfiguration(_ options: TLSOptions) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let roots = options.trustRootsPEM {
                let certificates = try roots.flatMap { try NIOSSLCertificate.fromPEMBytes(Array($0.utf8)) }
                guard !certificates.isEmpty else {
                    throw TransportError(.invalidRequest, "the certificate authority data holds no PEM certificate")
                }
                tls.trustRoots = .certificates(certificates)
            }
            if let chain = options.clientCertificatePEM {
                let certificates = try NIOSSLCertificate.fromPEMBytes(Array(chain.utf8))
                guard !certificates.isEmpty else {
                    throw TransportError(.invalidRequest, "the client certificate data holds no PEM certificate")
                }
                tls.certificateChain = certificates.map { .certificate($0) }
            }
            if let key = options.clientKeyPEM {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem))
            }
        } catch let error as TransportError {
            throw error
        } catch {
            // NIOSSL's errors can quote the material; say what failed without repeating it.
            throw TransportError(.invalidRequest, "unreadable TLS material (\(type(of: error)))")
        }
        if options.insecureSkipVerify {
            tls.certificateVerification = .none
        }
        return tls
    }

    static func translate(_ error: any Error) -> any Error {
        switch error {
        case is TransportError, is CancellationError:
            return error
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout:
                return TransportError(.timeout, "timed out: \(error)")
            case .cancelled:
                return CancellationError()
            default:
                return TransportError(.connection, "connection failed: \(error)")
            }
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            return TransportError(.tls, "TLS handshake failed: \(error)")
        default:
            return TransportError(.connection, "connection failed: \(error)")
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
