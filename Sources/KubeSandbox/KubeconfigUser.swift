/// Which credentials a generated kubeconfig carries.
public enum KubeconfigUser: String, Sendable, CaseIterable {
    /// The client certificate signed by the sandbox CA (TLS only; CN `sandbox-admin`, O `system:masters`).
    case clientCertificate = "client-certificate"
    /// The bearer token (``Sandbox/bearerToken``).
    case token
    /// No credentials.
    case anonymous
}
