import AWSKit
import Foundation
import SDKCore
import Synchronization
import TestSupport
import Testing

/// The request pipeline against in-process servers that misbehave on purpose: retries,
/// error decoding, scrubbing, pagination, certificate authorities.
struct PipelineTests {
    static let key = AWSCredentials(accessKeyId: "AKIAPIPELINE", secretAccessKey: "pipeline-secret-key", sessionToken: "pipeline-session-token-123")

    /// Records the waits of a retry policy instead of sleeping.
    final class Sleeps: Sendable {
        let waits = Mutex<[Duration]>([])
        var count: Int { waits.withLock { $0.count } }
        func policy(attempts: Int) -> RetryPolicy {
            RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(10), sleep: { duration in self.waits.withLock { $0.append(duration) } })
        }
    }

    /// A configuration pointing every service at `server`, with retries that do not sleep.
    static func configuration(_ server: TestHTTPServer, attempts: Int = 4, slept: Sleeps = Sleeps()) -> AWSConfiguration {
        let retry = slept.policy(attempts: attempts)
        return AWSConfiguration(
            region: "eu-west-1", credentials: StaticCredentialProvider(key),
            environment: AWSEnvironment(["AWS_ENDPOINT_URL": server.baseURL.absoluteString]), retryPolicy: retry, timeout: .seconds(5))
    }

    /// Throttling replies are retried (with backoff) until the call succeeds, each attempt
    /// signed afresh.
    @Test func throttlingIsRetried() async throws {
        let count = Mutex(0)
        let server = try await TestHTTPServer { _ in
            let attempt = count.withLock { value -> Int in
                value += 1
                return value
            }
            if attempt < 3 {
                return .json(#"{"__type": "ThrottlingException", "message": "Rate exceeded"}"#, status: 400)
            }
            return .json(#"{"repositories": [{"repositoryName": "web"}]}"#)
        }
        defer { Task { await server.shutdown() } }
        let slept = Sleeps()
        let ecr = try ECRClient(configuration: Self.configuration(server, slept: slept))
        let repositories = try await ecr.describeRepositories()
        #expect(repositories.map { $0.name } == ["web"])
        #expect(server.requests.count == 3)
        #expect(slept.count == 2)
        #expect(server.requests.allSatisfy { $0.headers["authorization"]?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIAPIPELINE/") == true })
    }

    /// A 503 of a safe call is retried up to the attempt limit, then surfaces as AWSError.
    @Test func serverErrorsAreRetriedBoundedly() async throws {
        let server = try await TestHTTPServer { _ in .json(#"{"message": "down"}"#, status: 503) }
        defer { Task { await server.shutdown() } }
        let eks = try EKSClient(configuration: Self.configuration(server, attempts: 3))
        let error = try await #require(throws: AWSError.self) { try await eks.listClusters() }
        #expect(error.status == 503)
        #expect(server.requests.count == 3)
    }

    /// A 500 of a call that is not safe to repeat (CreateRepository) is not retried; throttling
    /// of the same call is.
    @Test func unsafeCallsAreNotRetriedOnServerErrors() async throws {
        let server = try await TestHTTPServer { _ in .json(#"{"__type": "ServerException", "message": "boom"}"#, status: 500) }
        defer { Task { await server.shutdown() } }
        let ecr = try ECRClient(configuration: Self.configuration(server))
        let error = try await #require(throws: AWSError.self) { try await ecr.createRepository(name: "web") }
        #expect(error.code.rawValue == "ServerException")
        #expect(server.requests.count == 1)
    }

    /// A refused connection of a safe call is retried, then surfaces as a transport error.
    @Test func connectionFailuresAreRetried() async throws {
        let port = try FreePort.allocate()
        let slept = Sleeps()
        let retry = slept.policy(attempts: 3)
        let configuration = AWSConfiguration(
            region: "eu-west-1", credentials: StaticCredentialProvider(Self.key),
            environment: AWSEnvironment(["AWS_ENDPOINT_URL_EKS": "http://127.0.0.1:\(port)"]), retryPolicy: retry)
        let error = try await #require(throws: TransportError.self) { try await EKSClient(configuration: configuration).listClusters() }
        #expect(error.kind == .connection)
        #expect(slept.count == 2)
    }

    /// STS's XML error reply decodes into code, message, status and request id; the session
    /// token that a SignatureDoesNotMatch reply quotes is scrubbed.
    @Test func queryErrorsDecodeAndAreScrubbed() async throws {
        let server = try await TestHTTPServer { _ in
            let body = """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>\
                <Message>The Canonical String for this request should have been
                'POST
                /

                x-amz-security-token:pipeline-session-token-123
                '</Message></Error><RequestId>4f5e-req</RequestId></ErrorResponse>
                """
            return HTTPResponse(status: 403, headers: ["Content-Type": "text/xml"], body: Data(body.utf8))
        }
        defer { Task { await server.shutdown() } }
        let sts = try STSClient(configuration: Self.configuration(server))
        let error = try await #require(throws: AWSError.self) { try await sts.getCallerIdentity() }
        #expect(error.code == .signatureDoesNotMatch)
        #expect(error.status == 403)
        #expect(error.requestID == "4f5e-req")
        #expect(error.isAuthorizationFailure)
        #expect(error.message.contains("Canonical String"))
        #expect(!error.message.contains("pipeline-session-token-123"))
        #expect(!error.description.contains("pipeline-session-token-123"))
        #expect(server.requests.count == 1)
    }

    /// A reply that echoes the session token outside the message (in the code and the request id,
    /// as a parameter twice, once cut short; found by FuzzAWSErrors) shows it nowhere.
    @Test func tokensEchoedAnywhereAreScrubbed() async throws {
        let server = try await TestHTTPServer { _ in
            let body = """
                <ErrorResponse><Error><Code>Odd
                X-Amz-Security-Token=pipeline-session-token-123&amp;Action=A X-Amz-Security-Token=pipeline-session-tok</Code>\
                <Message>x-amz-security-token=pipeline-session&amp;X-Amz-Security-Token=pipeline-session-token-1</Message></Error>\
                <RequestId>pipeline-session-token-123</RequestId></ErrorResponse>
                """
            return HTTPResponse(status: 403, headers: ["Content-Type": "text/xml"], body: Data(body.utf8))
        }
        defer { Task { await server.shutdown() } }
        let sts = try STSClient(configuration: Self.configuration(server))
        let error = try await #require(throws: AWSError.self) { try await sts.getCallerIdentity() }
        let everything = "\(error) \(error.code.rawValue) \(error.message) \(error.requestID ?? "")"
        #expect(everything.contains("<redacted>"))
        #expect(!everything.contains("pipeline-session-tok"), "\(everything)")
    }

    /// A malformed HTML error page from a proxy (found by FuzzAWSErrors: FoundationXML's
    /// XMLDocument crashed the process on it) becomes an AWSError with the reply's status; a
    /// success reply like it is refused as not XML.
    @Test func malformedHTMLErrorPageDoesNotCrash() async throws {
        let page = "</head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n"
        let failing = try await TestHTTPServer { _ in HTTPResponse(status: 502, headers: ["Content-Type": "text/html"], body: Data(page.utf8)) }
        defer { Task { await failing.shutdown() } }
        let error = try await #require(throws: AWSError.self) {
            try await STSClient(configuration: Self.configuration(failing, attempts: 1)).getCallerIdentity()
        }
        #expect(error.status == 502)
        #expect(error.code.rawValue == "ServiceUnavailable")

        let succeeding = try await TestHTTPServer { _ in HTTPResponse(status: 200, headers: ["Content-Type": "text/html"], body: Data(page.utf8)) }
        defer { Task { await succeeding.shutdown() } }
        let notXML = try await #require(throws: AWSClientError.self) {
            try await STSClient(configuration: Self.configuration(succeeding, attempts: 1)).getCallerIdentity()
        }
        #expect(notXML.code == .invalidResponse)
    }

    /// Listing calls follow nextToken through every page.
    @Test func paginationFollowsNextToken() async throws {
        let server = try await TestHTTPServer { request in
            let token = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "nextToken" }?.value
            switch token {
            case nil: return .json(#"{"clusters": ["a", "b"], "nextToken": "p2"}"#)
            case "p2": return .json(#"{"clusters": ["c"], "nextToken": "p3"}"#)
            default: return .json(#"{"clusters": ["d"]}"#)
            }
        }
        defer { Task { await server.shutdown() } }
        let clusters = try await EKSClient(configuration: Self.configuration(server)).listClusters()
        #expect(clusters == ["a", "b", "c", "d"])
        #expect(server.requests.count == 3)
    }

    /// A cluster whose certificate authority is a real PEM certificate yields it; other data
    /// (not base64, base64 of non-PEM) is refused with an explanation.
    @Test func certificateAuthority() throws {
        let pem = """
            -----BEGIN CERTIFICATE-----
            MIIBfzCCASWgAwIBAgIUIi+FlnbEZ6rprMRc76Xdu4hB+4cwCgYIKoZIzj0EAwIw
            FTETMBEGA1UEAwwKa3ViZXJuZXRlczAeFw0yNjExMjEyMDM2MDVaFw0zNjExMTgy
            MDM2MDVaMBUxEzARBgNVBAMMCmt1YmVybmV0ZXMwWTATBgcqhkjOPQIBBggqhkjO
            PQMBBwNCAAQ5knMDLa7Y8WqKxo8JSFMw8X9FG9zoqTFwnBCjW5Ko8g3ZA87GK5VI
            Po25pn/qslzlxB+TW+SFYCbrxqR4BNh9o1MwUTAdBgNVHQ4EFgQUZTmN67vuPuh1
            su10h7HstGkNh5AwHwYDVR0jBBgwFoAUZTmN67vuPuh1su10h7HstGkNh5AwDwYD
            VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBCtkhZ5vA+soc4lmUlSpCt
            ZcPTXYFjkVuOz4Jv6lho3AIhALQ2eycooltrx5CAvhQeOuTeb8mhlWGUtyaQilka
            /HJx
            -----END CERTIFICATE-----

            """
        func cluster(_ data: String) throws -> EKSCluster {
            try JSONDecoder().decode(EKSCluster.self, from: Data(#"{"name": "prod", "certificateAuthority": {"data": "\#(data)"}}"#.utf8))
        }
        #expect(try cluster(Data(pem.utf8).base64EncodedString()).certificateAuthorityPEM() == pem)
        for bad in ["not base64 at all!", Data("hello".utf8).base64EncodedString(), Data("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----".utf8).base64EncodedString()] {
            let error = try #require(throws: AWSClientError.self) { try cluster(bad).certificateAuthorityPEM() }
            #expect(error.code == .invalidCertificateAuthority)
        }
    }
}
