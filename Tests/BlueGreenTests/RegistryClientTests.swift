import Foundation
import SDKCore
import Synchronization
import TestSupport
import Testing

@testable import BlueGreen

struct RegistryClientTests {
    static let digest = "sha256:" + String(repeating: "c", count: 64)

    static func image(_ port: Int, _ tagged: String = "team/web:42") throws -> ImageReference {
        try ImageReference(parsing: "127.0.0.1:\(port)/\(tagged)")
    }

    static func client(_ server: TestHTTPServer, credentials: RegistryClient.Credentials? = nil) -> RegistryClient {
        RegistryClient(endpoint: server.baseURL, credentials: { _ in credentials }, retry: RetryPolicy(maxAttempts: 3, sleep: { _ in }))
    }

    /// An existing tag resolves to the digest the registry reports, asked for with the manifest
    /// media types of OCI and Docker.
    @Test func resolvesATag() async throws {
        let server = try await TestHTTPServer { request in
            guard request.url.path == "/v2/team/web/manifests/42" else { return .json("{}", status: 404) }
            return HTTPResponse(status: 200, headers: ["Docker-Content-Digest": Self.digest, "Content-Type": "application/vnd.oci.image.index.v1+json"])
        }
        let manifest = try await Self.client(server).resolve(try Self.image(server.port))
        #expect(manifest.digest == Self.digest)
        #expect(manifest.mediaType == "application/vnd.oci.image.index.v1+json")
        #expect(server.requests.first?.method == "HEAD")
        #expect(server.requests.first?.headers["Accept"]?.contains("application/vnd.oci.image.manifest.v1+json") == true)
        #expect(server.requests.first?.headers["Accept"]?.contains("application/vnd.docker.distribution.manifest.v2+json") == true)
        await server.shutdown()
    }

    /// A missing tag is `.notFound`, with a message that names the image and the fix.
    @Test func missingTagIsNotFound() async throws {
        let server = try await TestHTTPServer { _ in .json(#"{"errors":[{"code":"MANIFEST_UNKNOWN"}]}"#, status: 404) }
        do {
            _ = try await Self.client(server).resolve(try Self.image(server.port, "team/web:43"))
            Issue.record("expected notFound")
        } catch let error as RegistryError {
            #expect(error.code == .notFound)
            #expect(error.message.contains("team/web:43"))
            #expect(error.message.contains("push it first"))
        }
        await server.shutdown()
    }

    /// A Basic challenge is answered with the credentials, which never appear in errors.
    @Test func answersBasicChallenge() async throws {
        let expected = "Basic " + Data("AWS:s3cr3t-pass".utf8).base64EncodedString()
        let server = try await TestHTTPServer { request in
            guard request.headers["Authorization"] == expected else {
                return HTTPResponse(status: 401, headers: ["WWW-Authenticate": #"Basic realm="registry""#])
            }
            return HTTPResponse(status: 200, headers: ["Docker-Content-Digest": Self.digest])
        }
        let credentials = RegistryClient.Credentials(username: "AWS", password: Secret("s3cr3t-pass"))
        #expect(try await Self.client(server, credentials: credentials).resolve(try Self.image(server.port)).digest == Self.digest)
        #expect(server.requests.count == 2)
        // Without credentials: a clear unauthorized error.
        do {
            _ = try await Self.client(server).resolve(try Self.image(server.port))
            Issue.record("expected unauthorized")
        } catch let error as RegistryError {
            #expect(error.code == .unauthorized)
        }
        await server.shutdown()
    }

    /// A Bearer challenge is answered through the token service, with the scope it names.
    @Test func followsBearerTokenFlow() async throws {
        let tokenQueries = Mutex<[String]>([])
        let server = try await TestHTTPServer { request in
            if request.url.path == "/token" {
                tokenQueries.withLock { $0.append(request.url.query ?? "") }
                return .json(#"{"token":"tok-123"}"#)
            }
            guard request.headers["Authorization"] == "Bearer tok-123" else {
                let realm = "http://127.0.0.1:\(request.url.port ?? 0)/token"
                return HTTPResponse(status: 401, headers: ["WWW-Authenticate": #"Bearer realm="\#(realm)",service="reg",scope="repository:team/web:pull""#])
            }
            return HTTPResponse(status: 200, headers: ["Docker-Content-Digest": Self.digest])
        }
        #expect(try await Self.client(server).resolve(try Self.image(server.port)).digest == Self.digest)
        let query = tokenQueries.withLock { $0.first } ?? ""
        #expect(query.contains("service=reg"))
        #expect(query.contains("scope=repository:team/web:pull"))
        await server.shutdown()
    }

    /// Without a digest header, the manifest is fetched and its SHA-256 computed.
    @Test func computesDigestWhenNotReported() async throws {
        let body = Data(#"{"schemaVersion":2}"#.utf8)
        let server = try await TestHTTPServer { _ in HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body) }
        let manifest = try await Self.client(server).resolve(try Self.image(server.port))
        // The reference digest comes from coreutils' sha256sum, not from the code under test.
        let reference = try await ProcessRunner().run(.init("sha256sum", standardInput: Array(body)))
        #expect(manifest.digest == "sha256:" + reference.standardOutputText.prefix(64))
        #expect(server.requests.map(\.method) == ["HEAD", "GET"])
        await server.shutdown()
    }

    /// 503 and 429 are retried; the answer after them counts.
    @Test func retriesThrottlingAndServerErrors() async throws {
        let calls = Mutex(0)
        let server = try await TestHTTPServer { _ in
            let call = calls.withLock { $0 += 1; return $0 }
            if call == 1 { return HTTPResponse(status: 503) }
            if call == 2 { return HTTPResponse(status: 429, headers: ["Retry-After": "0"]) }
            return HTTPResponse(status: 200, headers: ["Docker-Content-Digest": Self.digest])
        }
        #expect(try await Self.client(server).resolve(try Self.image(server.port)).digest == Self.digest)
        #expect(calls.withLock { $0 } == 3)
        await server.shutdown()
    }
}

struct AuthChallengeTests {
    /// Quoted and bare parameters, commas inside quotes, scheme case.
    @Test func parsesChallenges() {
        let bearer = AuthChallenge(header: #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push""#)
        #expect(bearer?.scheme == "bearer")
        #expect(bearer?.parameters["realm"] == "https://auth.docker.io/token")
        #expect(bearer?.parameters["scope"] == "repository:a/b:pull,push")
        let basic = AuthChallenge(header: "Basic realm=ecr")
        #expect(basic?.scheme == "basic")
        #expect(basic?.parameters["realm"] == "ecr")
        #expect(AuthChallenge(header: "") == nil)
    }
}

struct DockerConfigCredentialsTests {
    /// `auths` entries are decoded; Docker Hub's legacy key is found for docker.io.
    @Test func readsDockerConfig() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("docker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let hub = Data("me:hub-pass".utf8).base64EncodedString()
        let ghcr = Data("bot:gh:pass".utf8).base64EncodedString()
        let json = #"{"auths":{"https://index.docker.io/v1/":{"auth":"\#(hub)"},"ghcr.io":{"auth":"\#(ghcr)"}}}"#
        try Data(json.utf8).write(to: directory.appendingPathComponent("config.json"))
        let credentials = DockerConfigCredentials(environment: ["DOCKER_CONFIG": directory.path])
        #expect(credentials.credentials(for: "docker.io")?.username == "me")
        #expect(credentials.credentials(for: "ghcr.io")?.password.value == "gh:pass")
        #expect(credentials.credentials(for: "quay.io") == nil)
    }
}
