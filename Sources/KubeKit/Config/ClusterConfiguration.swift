import Foundation
import SDKCore

/// Everything a ``KubeClient`` needs to reach one API server: its URL, how to trust it, how to
/// authenticate, and the default namespace. Build it from a kubeconfig
/// (``KubeConfig/clusterConfiguration(logger:)``), the pod's service account, or by hand:
///
/// ```swift
/// let cluster = ClusterConfiguration(server: endpoint, caPEM: ca, auth: .tokenProvider(eksTokens))
/// ```
public struct ClusterConfiguration: Sendable {
    /// The API server's URL (a path prefix, as behind some proxies, is kept).
    public var server: URL
    /// PEM CA bundles to trust instead of the system's; `nil` trusts the system's.
    public var certificateAuthorityPEM: [String]?
    /// The name the server certificate is checked against (and sent as SNI), when it differs
    /// from the URL's host.
    public var tlsServerName: String?
    /// Skips every check of the server certificate. Only for throw-away clusters; a warning is
    /// logged when a client is made with it.
    public var insecureSkipTLSVerify: Bool
    /// A PEM client certificate chain, leaf first.
    public var clientCertificatePEM: String?
    /// The PEM private key (RSA or EC; PKCS#1, PKCS#8 or SEC1) of the client certificate.
    public var clientKeyPEM: Secret?
    /// How requests authenticate besides the client certificate.
    public var authentication: Authentication
    /// The namespace used when an operation is given none.
    public var namespace: String
    /// A user to act as (`Impersonate-User`).
    public var impersonateUser: String?
    /// Groups to act as (`Impersonate-Group`).
    public var impersonateGroups: [String]
    /// A uid to act as (`Impersonate-Uid`).
    public var impersonateUID: String?
    /// How long one request may take (watches excepted, which stay open).
    public var requestTimeout: Duration
    /// The `User-Agent` header.
    public var userAgent: String
    /// Where this configuration came from (a context name, "in-cluster"), for messages.
    public var origin: String?

    /// A configuration for `server`.
    public init(
        server: URL,
        caPEM: String? = nil,
        tlsServerName: String? = nil,
        insecureSkipTLSVerify: Bool = false,
        clientCertificatePEM: String? = nil,
        clientKeyPEM: Secret? = nil,
        auth: Authentication = .none,
        namespace: String = "default",
        requestTimeout: Duration = .seconds(60),
        userAgent: String = "kubekit/1.0 (swift-bluegreen)"
    ) {
        self.server = server
        self.certificateAuthorityPEM = caPEM.map { [$0] }
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.authentication = auth
        self.namespace = namespace
        self.impersonateUser = nil
        self.impersonateGroups = []
        self.impersonateUID = nil
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
        self.origin = nil
    }
}

extension ClusterConfiguration {
    /// The TLS settings for the transport.
    var tlsOptions: TLSOptions {
        TLSOptions(
            trustRootsPEM: certificateAuthorityPEM,
            clientCertificatePEM: clientCertificatePEM,
            clientKeyPEM: clientKeyPEM?.value,
            insecureSkipVerify: insecureSkipTLSVerify
        )
    }

    /// The URL requests are addressed to. With a `tlsServerName`, the URL names that host (so
    /// that SNI and certificate checks use it) and ``dnsOverride`` maps it to the real address.
    var requestBase: URL {
        guard let tlsServerName, let host = server.host, tlsServerName != host,
            var components = URLComponents(url: server, resolvingAgainstBaseURL: false)
        else { return server }
        components.host = tlsServerName
        return components.url ?? server
    }

    /// Maps the `tlsServerName` to the server's real host.
    var dnsOverride: [String: String] {
        guard let tlsServerName, let host = server.host, tlsServerName != host else { return [:] }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return [tlsServerName: bare]
    }

    /// Checks that the URL can be used.
    func validate() throws {
        guard let scheme = server.scheme?.lowercased(), scheme == "https" || scheme == "http", server.host?.isEmpty == false else {
            throw KubeConfigError(
                .invalidValue, entry: origin.map { "cluster of \($0)" },
                "the server URL '\(server.absoluteString)' is not an http(s) URL with a host; write it as https://host:port"
            )
        }
    }
}
