import AWSKit
import Foundation
import SDKCore
import Synchronization
import TestSupport
import Testing

struct ContainerAndInstanceMetadataTests {
    static func credentialJSON(_ suffix: String) -> String {
        #"{"AccessKeyId": "ASIACONTAINER\#(suffix)", "SecretAccessKey": "container-secret-\#(suffix)", "Token": "container-token-\#(suffix)", "Expiration": "2030-01-01T00:00:00Z"}"#
    }

    /// RELATIVE_URI is fetched from the container host (here a test server) and decoded.
    @Test func relativeURI() async throws {
        let server = try await TestHTTPServer { request in
            request.url.path == "/v2/credentials/abc" ? .json(Self.credentialJSON("1")) : .text("no", status: 404)
        }
        defer { Task { await server.shutdown() } }
        let env = AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"])
        let provider = ContainerCredentialProvider(environment: env, relativeHost: server.baseURL.absoluteString)
        let value = try await provider.credentials()
        #expect(value.accessKeyId == "ASIACONTAINER1")
        #expect(value.sessionToken?.value == "container-token-1")
        #expect(value.expiration == Date(timeIntervalSince1970: 1_893_456_000))
    }

    /// FULL_URI (EKS Pod Identity) sends the token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE,
    /// read again at every fetch so that a rotated token is used.
    @Test func fullURIWithRotatingTokenFile() async throws {
        let server = try await TestHTTPServer { request in
            .json(Self.credentialJSON(request.headers["authorization"] ?? "none"))
        }
        defer { Task { await server.shutdown() } }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tokenFile = try folder.write("token", "first-token\n")
        let env = AWSEnvironment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL.absoluteString + "/v1/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored-when-a-file-is-set",
        ])
        let provider = ContainerCredentialProvider(environment: env)
        #expect(try await provider.credentials().accessKeyId == "ASIACONTAINERfirst-token")
        try folder.write("token", "second-token")
        #expect(try await provider.credentials().accessKeyId == "ASIACONTAINERsecond-token")
        #expect(server.requests.map { $0.headers["authorization"] } == ["first-token", "second-token"])
    }

    /// FULL_URI over plain http to a host that is neither loopback nor a container-credential
    /// address is refused before any request is made.
    @Test(arguments: ["http://example.com/creds", "http://10.0.0.1/creds", "ftp://127.0.0.1/x"])
    func fullURIHostIsChecked(uri: String) async throws {
        let env = AWSEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri])
        let error = try await #require(throws: CredentialError.self) { try await ContainerCredentialProvider(environment: env).credentials() }
        #expect(error.code == .invalidConfiguration)
        #expect(error.message.contains("https"))
    }

    /// A container endpoint that answers an error is a failure of that source (the chain stops),
    /// not a fall-through.
    @Test func containerErrorStopsTheChain() async throws {
        let server = try await TestHTTPServer { _ in .text("forbidden", status: 403) }
        defer { Task { await server.shutdown() } }
        let env = AWSEnvironment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL.absoluteString + "/creds", "AWS_EC2_METADATA_DISABLED": "true",
        ], homeDirectory: "/nonexistent")
        let error = try await #require(throws: CredentialError.self) { try await CachingCredentialProvider.default(environment: env).credentials() }
        #expect(error.code == .providerFailed)
        #expect(error.message.contains("403"))
    }

    /// A fake instance metadata service (IMDSv2): the token is fetched with PUT and its TTL
    /// header, and both metadata GETs carry it.
    static func metadataServer(acceptTokenRequests: Bool = true) async throws -> TestHTTPServer {
        try await TestHTTPServer { request in
            // URL.path drops a trailing slash, which matters here.
            let path = request.url.absoluteString.replacingOccurrences(of: request.url.scheme! + "://" + (request.headers["host"] ?? ""), with: "")
            switch (request.method, path) {
            case ("PUT", "/latest/api/token"):
                guard acceptTokenRequests, request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600" else { return .text("", status: 403) }
                return .text("imds-session-token")
            case ("GET", let path) where path.hasPrefix("/latest/meta-data/iam/security-credentials"):
                guard request.headers["x-aws-ec2-metadata-token"] == "imds-session-token" else { return .text("", status: 401) }
                if path.hasSuffix("/") { return .text("web-role\n") }
                guard path.hasSuffix("/web-role") else { return .text("", status: 404) }
                return .json(#"{"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIAIMDS", "SecretAccessKey": "imds-secret", "Token": "imds-token", "Expiration": "2030-01-01T00:00:00Z"}"#)
            default:
                return .text("", status: 404)
            }
        }
    }

    /// IMDSv2: token, role name, role credentials, from AWS_EC2_METADATA_SERVICE_ENDPOINT.
    @Test func instanceMetadataV2() async throws {
        let server = try await Self.metadataServer()
        defer { Task { await server.shutdown() } }
        let env = AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL.absoluteString])
        let value = try await InstanceMetadataCredentialProvider(environment: env).credentials()
        #expect(value.accessKeyId == "ASIAIMDS")
        #expect(value.sessionToken?.value == "imds-token")
        #expect(server.requests.map(\.method) == ["PUT", "GET", "GET"])
    }

    /// When the token PUT is refused there is no IMDSv1 fallback: no GET is made and the source
    /// counts as not configured.
    @Test func noFallbackToV1() async throws {
        let server = try await Self.metadataServer(acceptTokenRequests: false)
        defer { Task { await server.shutdown() } }
        let env = AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL.absoluteString])
        let error = try await #require(throws: CredentialError.self) { try await InstanceMetadataCredentialProvider(environment: env).credentials() }
        #expect(error.code == .notConfigured)
        #expect(server.requests.allSatisfy { $0.method == "PUT" })
    }

    /// AWS_EC2_METADATA_DISABLED=true means not configured, without any request.
    @Test func disabled() async throws {
        let server = try await Self.metadataServer()
        defer { Task { await server.shutdown() } }
        let env = AWSEnvironment(["AWS_EC2_METADATA_DISABLED": "true", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL.absoluteString])
        let error = try await #require(throws: CredentialError.self) { try await InstanceMetadataCredentialProvider(environment: env).credentials() }
        #expect(error.code == .notConfigured)
        #expect(server.requests.isEmpty)
    }

    /// The metadata service is the last link of the default chain.
    @Test func chainEndsWithInstanceMetadata() async throws {
        let server = try await Self.metadataServer()
        defer { Task { await server.shutdown() } }
        let env = AWSEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL.absoluteString], homeDirectory: "/nonexistent")
        #expect(try await CachingCredentialProvider.default(environment: env).credentials().accessKeyId == "ASIAIMDS")
    }
}
