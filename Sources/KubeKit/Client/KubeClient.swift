import Foundation
import Logging
import SDKCore

/// A client for one Kubernetes API server.
///
/// Every operation goes through one request pipeline: credentials on each request, a 401
/// answered by refreshing the credential once and repeating the request once, safe requests
/// retried on 429 and 5xx (honouring `Retry-After`), and every error answer decoded into a
/// ``KubeError``.
///
/// ```swift
/// let client = try KubeClient(try KubeConfig.load().clusterConfiguration(), logger: logger)
/// defer { Task { try await client.shutdown() } }
/// let web = try await client.get(Deployment.self, "web", in: "shop")
/// ```
///
/// Typed operations take a ``KubernetesResource`` type; the same operations take an
/// ``APIResource`` for any other kind and return ``GenericResource``s.
public final class KubeClient: Sendable {
    /// The cluster this client talks to.
    public let configuration: ClusterConfiguration
    /// The namespace used when an operation is given none.
    public var namespace: String { configuration.namespace }
    /// Pass as a namespace to list or watch across all namespaces.
    public static let allNamespaces = ""

    let transport: any HTTPTransport
    private let ownedTransport: AsyncHTTPClientTransport?
    let authenticator: Authenticator
    let retryPolicy: RetryPolicy
    let logger: Logger

    /// A client for `configuration`.
    /// - Parameters:
    ///   - transport: the HTTP transport; by default an `AsyncHTTPClientTransport` of its own with
    ///     the configuration's TLS settings, closed by ``shutdown()``.
    ///   - retryPolicy: how safe requests are retried on 429, 5xx and connection failures.
    ///   - logger: receives request summaries at debug level (never credentials).
    /// - Throws: ``KubeConfigError`` for an unusable server URL; `TransportError` for TLS
    ///   material that cannot be parsed.
    public init(
        _ configuration: ClusterConfiguration,
        transport: (any HTTPTransport)? = nil,
        retryPolicy: RetryPolicy = .standard,
        logger: Logger = Logger(label: "KubeKit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.retryPolicy = retryPolicy
        self.logger = logger
        self.authenticator = Authenticator(authentication: configuration.authentication)
        if configuration.insecureSkipTLSVerify {
            logger.warning(
                "TLS verification of the Kubernetes API server is disabled (insecure-skip-tls-verify); anyone on the network path can impersonate it",
                metadata: ["server": "\(configuration.server.absoluteString)"]
            )
        }
        if let transport {
            self.transport = transport
            self.ownedTransport = nil
        } else {
            let owned = try AsyncHTTPClientTransport(
                configuration: .init(tls: configuration.tlsOptions, dnsOverride: configuration.dnsOverride)
            )
            self.transport = owned
            self.ownedTransport = owned
        }
    }

    /// Closes the connection pool the client created (not a transport passed in). Idempotent.
    public func shutdown() async throws {
        try await ownedTransport?.shutdown()
    }
}
