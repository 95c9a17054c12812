import Foundation
import Logging
import SDKCore

extension KubeConfig {
    /// The configuration of the current context (or of the in-cluster service account): server,
    /// TLS material read from files or inline data, authentication and namespace.
    ///
    /// Checks what kubectl checks: a context, cluster and user that exist; a server URL; not both
    /// inline data and a file for the same item; a client key with a client certificate; a CA
    /// file together with `insecure-skip-tls-verify` is refused.
    /// - Parameters:
    ///   - environment: inherited by exec credential plugins.
    /// - Throws: ``KubeConfigError``.
    public func clusterConfiguration(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "KubeKit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws -> ClusterConfiguration {
        if let inCluster { return try Self.inClusterConfiguration(inCluster, logger: logger) }
        let files = self.files.joined(separator: ", ")
        guard let contextName = currentContext else {
            throw KubeConfigError(
                .missingEntry, file: files,
                "no current-context is set; pass --context NAME or run kubectl config use-context NAME"
                    + (contexts.isEmpty ? "" : " (available: \(contexts.keys.sorted().joined(separator: ", ")))")
            )
        }
        guard let context = contexts[contextName] else {
            throw KubeConfigError(.missingEntry, file: files, entry: "context \"\(contextName)\"", "no such context")
        }
        let contextEntry = "context \"\(contextName)\""
        guard let clusterName = context.cluster, !clusterName.isEmpty else {
            throw KubeConfigError(
                .invalidValue, file: context.source, entry: contextEntry, "the context names no cluster; set contexts[].context.cluster")
        }
        guard let cluster = clusters[clusterName] else {
            throw KubeConfigError(.missingEntry, file: context.source, entry: contextEntry, "cluster \"\(clusterName)\" is not defined in \(files)")
        }
        var user = User()
        if let userName = context.user, !userName.isEmpty {
            guard let found = users[userName] else {
                throw KubeConfigError(.missingEntry, file: context.source, entry: contextEntry, "user \"\(userName)\" is not defined in \(files)")
            }
            user = found
        }

        let clusterEntry = "cluster \"\(clusterName)\""
        guard let serverText = cluster.server, !serverText.isEmpty else {
            throw KubeConfigError(
                .invalidValue, file: cluster.source, entry: clusterEntry, "server is missing; set it to the API server's https:// URL")
        }
        guard let server = URL(string: serverText), let scheme = server.scheme?.lowercased(), scheme == "https" || scheme == "http",
            server.host?.isEmpty == false
        else {
            throw KubeConfigError(
                .invalidValue, file: cluster.source, entry: clusterEntry,
                "server '\(serverText)' is not an http(s) URL with a host; write it as https://host:port")
        }
        if cluster.proxyURL != nil {
            throw KubeConfigError(
                .unsupported, file: cluster.source, entry: clusterEntry,
                "proxy-url is not supported by KubeKit; remove it and reach the API server directly (or through a VPN or tunnel)"
            )
        }

        var configuration = ClusterConfiguration(server: server, namespace: context.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
        configuration.origin = "context \"\(contextName)\""
        configuration.tlsServerName = cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }

        // Trust.
        if cluster.certificateAuthority != nil && cluster.certificateAuthorityData != nil {
            throw KubeConfigError(
                .invalidValue, file: cluster.source, entry: clusterEntry,
                "certificate-authority and certificate-authority-data are both set; keep one"
            )
        }
        if cluster.insecureSkipTLSVerify && (cluster.certificateAuthority != nil || cluster.certificateAuthorityData != nil) {
            throw KubeConfigError(
                .invalidValue, file: cluster.source, entry: clusterEntry,
                "insecure-skip-tls-verify is set together with a certificate authority; remove one (a CA is the safe choice)"
            )
        }
        if let data = cluster.certificateAuthorityData {
            configuration.certificateAuthorityPEM = [data]
        } else if let file = cluster.certificateAuthority {
            configuration.certificateAuthorityPEM = [try Self.readFile(file, "certificate-authority", source: cluster.source, entry: clusterEntry)]
        }
        configuration.insecureSkipTLSVerify = cluster.insecureSkipTLSVerify

        // Client certificate.
        let userEntry = "user \"\(context.user ?? "")\""
        if user.clientCertificate != nil && user.clientCertificateData != nil {
            throw KubeConfigError(
                .invalidValue, file: user.source, entry: userEntry, "client-certificate and client-certificate-data are both set; keep one")
        }
        if user.clientKey != nil && user.clientKeyData != nil {
            throw KubeConfigError(.invalidValue, file: user.source, entry: userEntry, "client-key and client-key-data are both set; keep one")
        }
        let certificate =
            try user.clientCertificateData
            ?? user.clientCertificate.map { try Self.readFile($0, "client-certificate", source: user.source, entry: userEntry) }
        let key =
            try user.clientKeyData
            ?? user.clientKey.map { Secret(try Self.readFile($0, "client-key", source: user.source, entry: userEntry)) }
        if (certificate == nil) != (key == nil) {
            throw KubeConfigError(
                .invalidValue, file: user.source, entry: userEntry,
                certificate == nil
                    ? "a client key is set without a client certificate; add client-certificate(-data)"
                    : "a client certificate is set without its key; add client-key(-data)"
            )
        }
        configuration.clientCertificatePEM = certificate
        configuration.clientKeyPEM = key

        // Authentication.
        configuration.authentication = try authentication(
            for: user, entry: userEntry, cluster: cluster, server: serverText, environment: environment, logger: logger)
        configuration.impersonateUser = user.impersonate
        configuration.impersonateGroups = user.impersonateGroups
        configuration.impersonateUID = user.impersonateUID
        return configuration
    }

    private func authentication(
        for user: User, entry: String, cluster: Cluster, server: String, environment: [String: String], logger: Logger
    ) throws -> Authentication {
        if let provider = user.authProvider {
            throw KubeConfigError(
                .unsupported, file: user.source, entry: entry,
                "auth-provider \"\(provider)\" is not supported (client-go removed auth providers in Kubernetes 1.26); "
                    + "switch the user to an exec plugin (gke-gcloud-auth-plugin, kubelogin, aws eks get-token)"
            )
        }
        let hasToken = user.token != nil || user.tokenFile != nil
        let hasBasic = user.username != nil || user.password != nil
        let methods = [hasToken ? "token" : nil, hasBasic ? "username/password" : nil, user.exec != nil ? "exec" : nil].compactMap { $0 }
        if methods.count > 1 {
            throw KubeConfigError(
                .invalidValue, file: user.source, entry: entry,
                "more than one authentication method is set (\(methods.joined(separator: ", "))); keep only one"
            )
        }
        if let exec = user.exec {
            let info = ExecClusterInfo(
                server: server,
                tlsServerName: cluster.tlsServerName,
                insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
                certificateAuthorityPEM: cluster.certificateAuthorityData
                    ?? cluster.certificateAuthority.flatMap { FileManager.default.contents(atPath: $0) }.map { String(decoding: $0, as: UTF8.self) },
                proxyURL: cluster.proxyURL,
                disableCompression: cluster.disableCompression,
                config: cluster.execExtension
            )
            return .tokenProvider(ExecCredentialProvider(exec, cluster: info, environment: environment, logger: logger))
        }
        if let tokenFile = user.tokenFile {
            // As in client-go, a token file takes precedence over an inline token.
            return .tokenFile(tokenFile)
        }
        if let token = user.token { return .bearerToken(token) }
        if hasBasic {
            guard let username = user.username, let password = user.password else {
                throw KubeConfigError(.invalidValue, file: user.source, entry: entry, "username and password must be set together")
            }
            return .basic(username: username, password: password)
        }
        return .none
    }

    private static func readFile(_ path: String, _ field: String, source: String?, entry: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeConfigError(
                .unreadableFile, file: source, entry: entry, "\(field) file \(path) cannot be read; check the path and its permissions")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func inClusterConfiguration(_ inCluster: InClusterEnvironment, logger: Logger) throws -> ClusterConfiguration {
        guard let server = URL(string: inCluster.server) else {
            throw KubeConfigError(.invalidValue, entry: "in-cluster", "KUBERNETES_SERVICE_HOST/PORT do not form a URL (\(inCluster.server))")
        }
        guard FileManager.default.fileExists(atPath: inCluster.tokenPath) else {
            throw KubeConfigError(
                .unreadableFile, file: inCluster.tokenPath, entry: "in-cluster",
                "the service-account token is missing; mount one (automountServiceAccountToken) or use a kubeconfig"
            )
        }
        var configuration = ClusterConfiguration(server: server, auth: .tokenFile(inCluster.tokenPath), namespace: inCluster.namespace)
        configuration.origin = "in-cluster"
        if let ca = FileManager.default.contents(atPath: inCluster.caPath) {
            configuration.certificateAuthorityPEM = [String(decoding: ca, as: UTF8.self)]
        } else {
            logger.warning("in-cluster CA file not found; trusting the system roots", metadata: ["file": "\(inCluster.caPath)"])
        }
        return configuration
    }
}
