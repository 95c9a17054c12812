import AWSKit
import Foundation
import KubeKit
import KubeSandbox
import SDKCore
import Testing

@testable import BlueGreen

/// Every client verifies the server's certificate unless told otherwise: an HTTPS server whose
/// certificate comes from a private CA (a TLS sandbox) is refused by the AWS clients, the
/// registry client and KubeKit alike, before any request reaches it.
@Suite(.timeLimit(.minutes(2)))
struct TLSByDefaultTests {
    /// A TLS sandbox (its CA is trusted by nobody but its own kubeconfig).
    static func untrustedServer() async throws -> Sandbox {
        var configuration = SandboxConfiguration()
        configuration.tls = true
        return try await Sandbox.start(configuration)
    }

    /// Whether `error`, or the message wrapping it, is a certificate verification failure.
    static func isCertificateFailure(_ error: any Error) -> Bool {
        if let transport = error as? TransportError { return transport.kind == .tls }
        let text = "\(error)".lowercased()
        return text.contains("certificate") || text.contains("tls") || text.contains("ssl")
    }

    /// The default TLS options trust the system's roots and verify, and AWSKit's default
    /// configuration uses the shared verifying transport.
    @Test func defaultsVerify() {
        #expect(TLSOptions().insecureSkipVerify == false)
        #expect(TLSOptions.system.trustRootsPEM == nil)
        #expect(ClusterConfiguration(server: URL(string: "https://example.com")!).insecureSkipTLSVerify == false)
    }

    /// STS, ECR and EKS clients refuse a server whose certificate they cannot verify.
    @Test func awsClientsRefuseAnUntrustedCertificate() async throws {
        let server = try await Self.untrustedServer()
        defer { Task { try? await server.shutdown() } }
        let configuration = AWSConfiguration(
            region: "us-east-1", credentials: .static(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret")),
            environment: AWSEnvironment(["AWS_ENDPOINT_URL": server.url.absoluteString]), retryPolicy: .none)
        let calls: [(String, @Sendable () async throws -> Void)] = [
            ("STS", { _ = try await STSClient(configuration: configuration).getCallerIdentity() }),
            ("ECR", { _ = try await ECRClient(configuration: configuration).getAuthorizationToken() }),
            ("EKS", { _ = try await EKSClient(configuration: configuration).describeCluster(name: "prod") }),
        ]
        for (name, call) in calls {
            do {
                try await call()
                Issue.record("\(name) accepted a certificate from an untrusted CA")
            } catch {
                #expect(Self.isCertificateFailure(error), "\(name) failed for another reason: \(error)")
            }
        }
        #expect(server.counters.total == 0, "a request reached the server over an unverified connection")
    }

    /// The registry client refuses it too (the image check and digest pinning).
    @Test func registryClientRefusesAnUntrustedCertificate() async throws {
        let server = try await Self.untrustedServer()
        defer { Task { try? await server.shutdown() } }
        let client = RegistryClient(endpoint: server.url, retry: .none)
        do {
            _ = try await client.resolve(try ImageReference(parsing: "127.0.0.1:\(server.port)/web:1"))
            Issue.record("the registry client accepted a certificate from an untrusted CA")
        } catch {
            #expect(Self.isCertificateFailure(error), "failed for another reason: \(error)")
        }
        #expect(server.counters.total == 0)
    }

    /// KubeKit with a kubeconfig that names no CA trusts only the system's roots: refused. With
    /// the sandbox's CA the same call succeeds, so the refusal is the verification's doing.
    @Test func kubeClientVerifiesAgainstTheKubeconfigCA() async throws {
        let server = try await Self.untrustedServer()
        defer { Task { try? await server.shutdown() } }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kubeconfig-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try server.writeKubeconfig(to: path, user: .token)
        let trusted = try KubeConfig.load(kubeconfigPath: path).clusterConfiguration()
        var untrusted = trusted
        untrusted.certificateAuthorityPEM = nil
        let refusing = try KubeClient(untrusted)
        do {
            _ = try await refusing.list(Node.self)
            Issue.record("KubeKit accepted a certificate from an untrusted CA")
        } catch {
            #expect(Self.isCertificateFailure(error), "failed for another reason: \(error)")
        }
        try? await refusing.shutdown()
        #expect(server.counters.total == 0)
        let accepting = try KubeClient(trusted)
        #expect(try await !accepting.list(Node.self).items.isEmpty)
        try? await accepting.shutdown()
    }
}
