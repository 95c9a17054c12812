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
            try Self.writePrivately(Array(kubeconfig(user: user, namespace: namespace).utf8), to: path)
        } catch {
            throw SandboxError(
                .fileError, "cannot write the kubeconfig to \(path) (\(error.localizedDescription)); check that the folder exists and is writable")
        }
    }

    /// Writes `bytes` to a new file created readable only by its owner (never, even for a
    /// moment, with the umask's wider mode), then moves it over `path`, so that readers see
    /// either the old file or the whole new one.
    static func writePrivately(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary]) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                close(descriptor)
                unlink(temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
            }
            written += result
        }
        // The umask may have taken bits from the owner too; the mode is exactly 0600.
        fchmod(descriptor, 0o600)
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
