import Foundation
import KubeKit
import Logging
import SDKCore
import Synchronization
import TestSupport

/// A client wired to a `TestHTTPServer`, with recorded retry waits and captured logs.
struct FakeAPI {
    let server: TestHTTPServer
    let client: KubeClient
    let waits: Recorder<Duration>
    let logs: LogCapture

    init(auth: Authentication = .bearerToken(Secret("static-token")), maxAttempts: Int = 4, handler: @escaping TestHTTPServer.Handler) async throws {
        server = try await TestHTTPServer(handler: handler)
        let waits = Recorder<Duration>()
        self.waits = waits
        logs = LogCapture()
        let policy = RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(100), jitter: { $0 }, sleep: { waits.append($0) })
        client = try KubeClient(
            ClusterConfiguration(server: server.baseURL, auth: auth, namespace: "shop"), retryPolicy: policy, logger: logs.logger()
        )
    }

    func stop() async throws {
        try await client.shutdown()
        await server.shutdown()
    }

    /// The recorded request paths with their queries.
    var paths: [String] {
        server.requests.map { request in
            request.url.path + (request.url.query.map { "?\($0)" } ?? "")
        }
    }
}

extension HTTPRequest {
    /// The value of a query parameter, percent-decoded.
    func query(_ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }

    /// The body as JSON.
    var jsonBody: JSONValue? { body.flatMap { try? JSONValue(parsing: $0) } }
}

/// JSON bodies the fake API answers with.
enum Fixtures {
    static func deployment(_ name: String, resourceVersion: String = "1", uid: String = "uid-1", namespace: String = "shop") -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "resourceVersion": .string(resourceVersion), "uid": .string(uid)],
            "spec": ["replicas": 1],
        ]
    }

    static func status(_ code: Int, reason: String, message: String, details: JSONValue? = nil) -> HTTPResponse {
        var body: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .integer(Int64(code)),
        ]
        if let details { body["details"] = details }
        return HTTPResponse(status: code, headers: ["Content-Type": "application/json"], body: body.serialized())
    }

    static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: value.serialized())
    }
}
