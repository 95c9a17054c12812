import Foundation

extension KubeConfig {
    /// A `clusters[]` entry: where the API server is and how to trust it.
    public struct Cluster: Sendable, Hashable {
        /// The API server's URL.
        public var server: String?
        /// A CA bundle file (an absolute path; relative ones are resolved against the kubeconfig).
        public var certificateAuthority: String?
        /// An inline CA bundle (PEM, decoded from `certificate-authority-data`).
        public var certificateAuthorityData: String?
        /// Whether the server certificate is not checked.
        public var insecureSkipTLSVerify: Bool
        /// The name the server certificate is checked against, instead of the URL's host.
        public var tlsServerName: String?
        /// A proxy for requests to this cluster.
        public var proxyURL: String?
        /// Whether response compression is disabled.
        public var disableCompression: Bool
        /// The `client.authentication.k8s.io/exec` extension, passed to exec plugins.
        public var execExtension: JSONValue?
        /// The file this entry came from.
        public var source: String?

        /// A cluster entry.
        public init(
            server: String? = nil,
            certificateAuthority: String? = nil,
            certificateAuthorityData: String? = nil,
            insecureSkipTLSVerify: Bool = false,
            tlsServerName: String? = nil,
            proxyURL: String? = nil,
            disableCompression: Bool = false,
            execExtension: JSONValue? = nil,
            source: String? = nil
        ) {
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
            self.proxyURL = proxyURL
            self.disableCompression = disableCompression
            self.execExtension = execExtension
            self.source = source
        }
    }
}
