import Foundation

/// What an exec plugin with `provideClusterInfo: true` learns about the cluster, through
/// `KUBERNETES_EXEC_INFO` (`spec.cluster`).
public struct ExecClusterInfo: Sendable, Hashable {
    /// The API server's URL.
    public var server: String
    /// The name the server certificate is checked against, when it differs from the URL's host.
    public var tlsServerName: String?
    /// Whether the server certificate is not checked.
    public var insecureSkipTLSVerify: Bool
    /// The CA bundle (PEM).
    public var certificateAuthorityPEM: String?
    /// The cluster's proxy.
    public var proxyURL: String?
    /// Whether response compression is disabled.
    public var disableCompression: Bool
    /// The cluster's `client.authentication.k8s.io/exec` extension, passed as `config`.
    public var config: JSONValue?

    /// Cluster details for an exec plugin.
    public init(
        server: String,
        tlsServerName: String? = nil,
        insecureSkipTLSVerify: Bool = false,
        certificateAuthorityPEM: String? = nil,
        proxyURL: String? = nil,
        disableCompression: Bool = false,
        config: JSONValue? = nil
    ) {
        self.server = server
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.proxyURL = proxyURL
        self.disableCompression = disableCompression
        self.config = config
    }

    /// The `spec.cluster` object, field names as client-go writes them.
    var json: JSONValue {
        var cluster: [String: JSONValue] = ["server": .string(server)]
        if let tlsServerName { cluster["tls-server-name"] = .string(tlsServerName) }
        if insecureSkipTLSVerify { cluster["insecure-skip-tls-verify"] = true }
        if let certificateAuthorityPEM { cluster["certificate-authority-data"] = .string(Data(certificateAuthorityPEM.utf8).base64EncodedString()) }
        if let proxyURL { cluster["proxy-url"] = .string(proxyURL) }
        if disableCompression { cluster["disable-compression"] = true }
        if let config { cluster["config"] = config }
        return .object(cluster)
    }
}
