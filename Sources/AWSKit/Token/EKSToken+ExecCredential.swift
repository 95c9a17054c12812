extension EKSToken {
    /// The `ExecCredential` document a kubeconfig `exec` plugin prints, with the token and its
    /// expiry (RFC 3339, UTC), laid out as `aws eks get-token` writes it.
    ///
    /// The result holds the token: write it where the Kubernetes client reads it, nowhere else.
    public func execCredentialJSON(apiVersion: ExecCredentialVersion = .v1beta1) -> String {
        // Every value is from a fixed alphabet (base64url, digits, the API version), so nothing
        // needs JSON escaping.
        """
        {
            "kind": "ExecCredential",
            "apiVersion": "\(apiVersion.rawValue)",
            "spec": {},
            "status": {
                "expirationTimestamp": "\(ISO8601.format(expiration))",
                "token": "\(token.value)"
            }
        }
        """
    }
}
