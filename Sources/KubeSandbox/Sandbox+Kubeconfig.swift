import Foundation

extension Sandbox {
    /// A kubeconfig (YAML) for this sandbox with one cluster, one user and one context named
    /// `kube-sandbox`. The default user is the client certificate with TLS, else the token when
    /// there is one, else anonymous.
    public func kubeconfig(user: KubeconfigUser? = nil, namespace: String = "default") -> String {
        let chosen = user ?? (caCertificatePEM != nil ? .clientCertificate : (bearerToken != nil ? .token : .anonymous))
        var lines = [
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: kube-sandbox",
            "  cluster:",
            "    server: \(url.absoluteString)",
        ]
        if let ca = caCertificatePEM {
            lines.append("    certificate-authority-data: \(Data(ca.utf8).base64EncodedString())")
        }
        lines += [
            "contexts:",
            "- name: kube-sandbox",
            "  context:",
            "    cluster: kube-sandbox",
            "    user: \(chosen.rawValue)",
            "    namespace: \(namespace)",
            "current-context: kube-sandbox",
            "users:",
            "- name: \(chosen.rawValue)",
        ]
        switch chosen {
        case .clientCertificate:
            if let certificate = clientCertificatePEM, let key = clientKeyPEM {
                lines += [
                    "  user:",
                    "    client-certificate-data: \(Data(certificate.utf8).base64EncodedString())",
                    "    client-key-data: \(Data(key.utf8).base64EncodedString())",
                ]
            } else {
                lines.append("  user: {}")
            }
        case .token:
            lines += bearerToken.map { ["  user:", "    token: \($0)"] } ?? ["  user: {}"]
        case .anonymous:
            lines.append("  user: {}")
        }
        lines.append("preferences: {}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``kubeconfig(user:namespace:)`` to a file readable only by its owner.
    /// - Throws: ``SandboxError`` with code `.fileError` when the file cannot be written.
    public func writeKubeconfig(to path: String, user: KubeconfigUser? = nil, namespace: String = "default") throws {
        do {
            try Data(kubeconfig(user: user, namespace: namespace).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw SandboxError(.fileError, "cannot write the kubeconfig to \(path) (\(error.localizedDescription)); check that the folder exists and is writable")
        }
    }
}
