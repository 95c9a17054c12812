import Foundation
import KubeKit
import SDKCore
import TestSupport
import Testing

/// Client certificates from a kubeconfig, inline or in files, with RSA and EC keys in each PEM
/// form, presented to a real TLS server that requires them (`openssl s_server -Verify 1`).
struct ClientCertificateTests {
    /// How a key is made and how the kubeconfig carries it.
    enum Case: String, CaseIterable, Sendable {
        case rsaPKCS1Inline, rsaPKCS8File, ecSEC1Inline, ecPKCS8File

        var keyArguments: [String] {
            switch self {
            case .rsaPKCS1Inline: return ["genrsa", "-traditional", "-out", "\(rawValue).key", "2048"]
            case .rsaPKCS8File: return ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "\(rawValue).key"]
            case .ecSEC1Inline: return ["ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "\(rawValue).key"]
            case .ecPKCS8File: return ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "\(rawValue).key"]
            }
        }

        var inline: Bool { self == .rsaPKCS1Inline || self == .ecSEC1Inline }
    }

    /// The TLS handshake succeeds with the kubeconfig's client certificate: the server answers
    /// (with a page that is not Kubernetes JSON, which the client reports as such).
    @Test(arguments: Case.allCases)
    func presentsTheClientCertificate(kind: Case) async throws {
        let peer = try await OpenSSLPeer.start()
        defer { peer.stop() }
        let identity = try await peer.identity(kind.rawValue, keyArguments: kind.keyArguments)
        let certificate = try String(contentsOfFile: identity.certificate, encoding: .utf8)
        let key = try String(contentsOfFile: identity.key, encoding: .utf8)
        #expect(
            key.contains(
                kind.rawValue.hasPrefix("rsa")
                    ? (kind.inline ? "BEGIN RSA PRIVATE KEY" : "BEGIN PRIVATE KEY") : (kind.inline ? "BEGIN EC PRIVATE KEY" : "BEGIN PRIVATE KEY")))
        let user =
            kind.inline
            ? "client-certificate-data: \(Data(certificate.utf8).base64EncodedString())\n    client-key-data: \(Data(key.utf8).base64EncodedString())"
            : "client-certificate: \(kind.rawValue).crt\n    client-key: \(kind.rawValue).key"
        let kubeconfig = try peer.directory.write(
            "kubeconfig",
            """
            apiVersion: v1
            kind: Config
            current-context: mtls
            clusters:
            - name: peer
              cluster:
                server: https://127.0.0.1:\(peer.port)
                certificate-authority: ca.crt
            users:
            - name: me
              user:
                \(user)
            contexts:
            - name: mtls
              context: {cluster: peer, user: me}

            """
        )
        let client = try KubeClient(try KubeConfig.load(kubeconfigPath: kubeconfig, environment: [:]).clusterConfiguration(), retryPolicy: .none)
        let error = try await #require(throws: KubeError.self) { try await client.list(Namespace.self) }
        #expect(error.reason == .unexpectedResponse)
        #expect(error.code == 200)
        try await client.shutdown()
    }

    /// Without a client certificate the server refuses the handshake.
    @Test func refusedWithoutAClientCertificate() async throws {
        let peer = try await OpenSSLPeer.start()
        defer { peer.stop() }
        let ca = try String(contentsOfFile: peer.caPath, encoding: .utf8)
        let client = try KubeClient(ClusterConfiguration(server: URL(string: "https://127.0.0.1:\(peer.port)")!, caPEM: ca), retryPolicy: .none)
        await #expect(throws: TransportError.self) { try await client.list(Namespace.self) }
        try await client.shutdown()
    }
}
