/// TLS settings for a transport that talks to a server with a private CA or that requires a
/// client certificate (both usual for Kubernetes API servers).
public struct TLSOptions: Sendable, Hashable {
    /// PEM-encoded CA certificates to trust instead of the system's; `nil` trusts the system's.
    public var trustRootsPEM: [String]?
    /// PEM-encoded client certificate chain, leaf first.
    public var clientCertificatePEM: String?
    /// PEM-encoded private key (PKCS#1, PKCS#8 or SEC1; RSA or EC) for the client certificate.
    public var clientKeyPEM: String?
    /// Skips every check of the server's certificate. Only for throw-away clusters.
    public var insecureSkipVerify: Bool

    public init(
        trustRootsPEM: [String]? = nil,
        clientCertificatePEM: String? = nil,
        clientKeyPEM: String? = nil,
        insecureSkipVerify: Bool = false
    ) {
        self.trustRootsPEM = trustRootsPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.insecureSkipVerify = insecureSkipVerify
    }

    /// The system's trust store, no client certificate.
    public static let system = TLSOptions()
}
