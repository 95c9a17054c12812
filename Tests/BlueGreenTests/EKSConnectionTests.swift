import AWSKit
import Foundation
import KubeKit
import SDKCore
import Synchronization
import TestSupport
import Testing

@testable import BlueGreen

/// Connecting with nothing but AWS credentials: DescribeCluster gives the endpoint and CA, and the
/// bearer token is made in process, reused until it nears expiry, and remade after a 401.
struct EKSConnectionTests {
    /// A self-signed certificate made by openssl, as a cluster CA.
    static func certificatePEM() async throws -> String {
        let openssl = try Prerequisites.executable("openssl", install: "apt-get install openssl (scripts/test does)")
        let outcome = try await ProcessRunner().run(.init(openssl, arguments: [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=eks-test", "-days", "1",
            "-keyout", "/dev/null", "-out", "-",
        ]))
        #expect(outcome.succeeded, "\(outcome.standardErrorText)")
        return outcome.standardOutputText
    }

    static func aws(eks: TestHTTPServer) -> AWSConfiguration {
        AWSConfiguration(
            region: "eu-west-1", credentials: .static(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret-key-not-printed")),
            environment: AWSEnvironment(["AWS_ENDPOINT_URL_EKS": eks.baseURL.absoluteString]), retryPolicy: RetryPolicy(maxAttempts: 1))
    }

    /// The cluster's endpoint and CA come from DescribeCluster; requests carry an EKS token,
    /// the same one for consecutive requests, and a fresh one after the server refuses it.
    @Test func connectsWithAnInProcessToken() async throws {
        let tokens = Mutex<[String]>([])
        let refuseNext = Mutex(false)
        let kube = try await TestHTTPServer { request in
            tokens.withLock { $0.append(request.headers["Authorization"] ?? "") }
            if refuseNext.withLock({ let refuse = $0; $0 = false; return refuse }) {
                return .json(#"{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Unauthorized","code":401}"#, status: 401)
            }
            return .json(#"{"kind":"ServiceList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[]}"#)
        }
        let pem = try await Self.certificatePEM()
        let eks = try await TestHTTPServer { request in
            guard request.url.path == "/clusters/prod" else { return .json(#"{"message":"No cluster found for name: x."}"#, status: 404) }
            let ca = Data(pem.utf8).base64EncodedString()
            return .json(#"{"cluster":{"name":"prod","status":"ACTIVE","endpoint":"\#(kube.baseURL.absoluteString)","certificateAuthority":{"data":"\#(ca)"}}}"#)
        }
        let configuration = try await EKSConnection.clusterConfiguration(cluster: "prod", aws: Self.aws(eks: eks), logger: LogCapture().logger())
        #expect(configuration.server == kube.baseURL)
        #expect(configuration.certificateAuthorityPEM?.first?.contains("BEGIN CERTIFICATE") == true)
        // DescribeCluster was signed for the eks service.
        #expect(eks.requests.first?.headers["Authorization"]?.contains("/eu-west-1/eks/aws4_request") == true)

        let client = try KubeClient(configuration)
        _ = try await client.list(Service.self, in: "default")
        _ = try await client.list(Service.self, in: "default")
        // Tokens are signed to the second: a new one made in the same second would be identical,
        // and repeating a request with the credential just refused is pointless.
        try await Task.sleep(for: .milliseconds(1100))
        refuseNext.withLock { $0 = true }
        _ = try await client.list(Service.self, in: "default")
        try await client.shutdown()

        let seen = tokens.withLock { $0 }
        #expect(seen.count == 4)
        #expect(seen.allSatisfy { $0.hasPrefix("Bearer k8s-aws-v1.") })
        #expect(seen[0] == seen[1], "the token is reused while it is fresh")
        #expect(seen[2] == seen[0], "the cached token is sent until the server refuses it")
        #expect(seen[3] != seen[2], "a refused token is replaced by a fresh one")
        // The token is a presigned STS GetCallerIdentity URL that names the cluster, valid 60 s.
        let encoded = String(seen[0].dropFirst("Bearer k8s-aws-v1.".count))
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let url = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
        #expect(url.hasPrefix("https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&"))
        #expect(url.contains("X-Amz-Expires=60"))
        #expect(url.contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"))
        #expect(!url.contains("secret-key-not-printed"))
        await kube.shutdown()
        await eks.shutdown()
    }

    /// A cluster whose CA is not a PEM certificate (moto hands out random bytes) is a clear error.
    @Test func refusesACertificateAuthorityThatIsNotPEM() async throws {
        let eks = try await TestHTTPServer { _ in
            .json(#"{"cluster":{"name":"prod","status":"ACTIVE","endpoint":"https://x.eks.amazonaws.com","certificateAuthority":{"data":"SN66NnsTEvTwDSy7X9NJ3g=="}}}"#)
        }
        do {
            _ = try await EKSConnection.clusterConfiguration(cluster: "prod", aws: Self.aws(eks: eks), logger: LogCapture().logger())
            Issue.record("expected an error")
        } catch {
            let failure = DeployFailure(classifying: error)
            #expect("\(failure.message)".localizedCaseInsensitiveContains("certificate"))
        }
        await eks.shutdown()
    }

    /// A cluster that does not exist is bad input (exit 2) naming the options to check.
    @Test func unknownClusterIsBadInput() async throws {
        let eks = try await TestHTTPServer { _ in
            HTTPResponse(status: 404, headers: ["x-amzn-ErrorType": "ResourceNotFoundException"], body: Data(#"{"message":"No cluster found for name: prod."}"#.utf8))
        }
        do {
            _ = try await EKSConnection.clusterConfiguration(cluster: "prod", aws: Self.aws(eks: eks), logger: LogCapture().logger())
            Issue.record("expected an error")
        } catch {
            let failure = DeployFailure(classifying: error)
            #expect(failure.exitCode == 2, "\(failure)")
            #expect(failure.message.contains("--eks-cluster"))
        }
        await eks.shutdown()
    }
}
