import Foundation
import SDKCore

@testable import KubeSandbox

/// A small HTTP client for the sandbox's API, over the SDK's real transport.
struct SandboxClient: Sendable {
    let base: URL
    let transport: any HTTPTransport
    var token: String?

    init(_ sandbox: Sandbox, user: KubeconfigUser = .anonymous, token: String? = nil) throws {
        base = sandbox.url
        if let ca = sandbox.caCertificatePEM {
            let useCertificate = user == .clientCertificate
            transport = try AsyncHTTPClientTransport(
                configuration: .init(
                    tls: TLSOptions(
                        trustRootsPEM: [ca],
                        clientCertificatePEM: useCertificate ? sandbox.clientCertificatePEM : nil,
                        clientKeyPEM: useCertificate ? sandbox.clientKeyPEM : nil)))
        } else {
            transport = AsyncHTTPClientTransport.shared
        }
        self.token = token ?? (user == .token ? sandbox.bearerToken : nil)
    }

    struct Answer: Sendable {
        var status: Int
        var headers: HTTPHeaderFields
        var body: Data
        var json: JSON { (try? JSON(parsing: body)) ?? .null }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    func request(
        _ method: String, _ path: String, body: JSON? = nil, contentType: String = "application/json",
        rawBody: String? = nil, headers: [(String, String)] = []
    ) async throws -> Answer {
        var request = HTTPRequest(method: method, url: URL(string: base.absoluteString + path)!)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = Data(body.bytes)
            request.headers.add(name: "Content-Type", value: contentType)
        } else if let rawBody {
            request.body = Data(rawBody.utf8)
            request.headers.add(name: "Content-Type", value: contentType)
        }
        let response = try await transport.execute(request, timeout: .seconds(20))
        return Answer(status: response.status, headers: response.headers, body: response.body)
    }

    func get(_ path: String) async throws -> Answer { try await request("GET", path) }
    func post(_ path: String, _ body: JSON) async throws -> Answer { try await request("POST", path, body: body) }
    func put(_ path: String, _ body: JSON) async throws -> Answer { try await request("PUT", path, body: body) }
    func delete(_ path: String, _ body: JSON? = nil) async throws -> Answer { try await request("DELETE", path, body: body) }
    func patch(_ path: String, _ body: JSON, type: String) async throws -> Answer {
        try await request("PATCH", path, body: body, contentType: type)
    }

    /// Opens a watch and returns its event stream (one parsed JSON event per element).
    func watch(_ path: String) async throws -> (status: Int, events: AsyncThrowingStream<JSON, any Error>) {
        var request = HTTPRequest(method: "GET", url: URL(string: base.absoluteString + path)!)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await transport.stream(request, timeout: .seconds(60))
        let events = AsyncThrowingStream<JSON, any Error> { continuation in
            let reader = Task {
                var buffer = Data()
                do {
                    for try await chunk in response.body {
                        buffer.append(chunk)
                        while let newline = buffer.firstIndex(of: 0x0A) {
                            let line = buffer[buffer.startIndex..<newline]
                            buffer.removeSubrange(buffer.startIndex...newline)
                            if !line.isEmpty { continuation.yield(try JSON(parsing: Array(line))) }
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in reader.cancel() }
        }
        return (response.status, events)
    }

    /// Polls until `condition` holds for the object at `path` (or fails after `timeout`).
    func waitFor(_ path: String, timeout: Duration = .seconds(60), _ condition: (JSON) -> Bool) async throws -> JSON {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = JSON.null
        while clock.now < deadline {
            let answer = try await get(path)
            last = answer.json
            if answer.status == 200, condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw WaitTimeout(path: path, last: last.text)
    }

    struct WaitTimeout: Error, CustomStringConvertible {
        var path: String
        var last: String
        var description: String { "condition on \(path) not met in time; last: \(last.prefix(2000))" }
    }
}

/// Starts a sandbox for one test and always shuts it down.
func withSandbox(
    _ configure: (inout SandboxConfiguration) -> Void = { _ in },
    _ body: (Sandbox, SandboxClient) async throws -> Void
) async throws {
    var configuration = SandboxConfiguration()
    configuration.readyAfter = .milliseconds(50)
    configure(&configuration)
    let sandbox = try await Sandbox.start(configuration)
    do {
        let client = try SandboxClient(sandbox, user: configuration.tls ? .clientCertificate : .anonymous)
        try await body(sandbox, client)
        try await sandbox.shutdown()
    } catch {
        try? await sandbox.shutdown()
        throw error
    }
}

/// Test manifests.
enum Manifests {
    static func deployment(
        _ name: String, replicas: Int = 2, image: String = "registry.example/web:1", labels: JSON? = nil,
        strategy: JSON? = nil, progressDeadline: Int? = nil, cpu: String? = nil
    ) -> JSON {
        var container: JSON = ["name": "app", "image": .string(image), "ports": [["name": "http", "containerPort": 8080]]]
        if let cpu { container["resources"] = ["requests": ["cpu": .string(cpu)]] }
        var spec: JSON = [
            "replicas": .int(replicas),
            "selector": ["matchLabels": ["app": .string(name)]],
            "template": ["metadata": ["labels": labels ?? ["app": .string(name)]], "spec": ["containers": [container]]],
        ]
        if let strategy { spec["strategy"] = strategy }
        if let progressDeadline { spec["progressDeadlineSeconds"] = .int(progressDeadline) }
        return ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)], "spec": spec]
    }

    static func configMap(_ name: String, data: JSON = ["key": "value"], labels: JSON = ["app": "demo"]) -> JSON {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "labels": labels], "data": data]
    }

    static func service(_ name: String, selector: JSON) -> JSON {
        [
            "apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)],
            "spec": ["selector": selector, "ports": [["name": "http", "port": 80, "targetPort": "http"]]],
        ]
    }

    static let deployments = "/apis/apps/v1/namespaces/default/deployments"
    static let configMaps = "/api/v1/namespaces/default/configmaps"
    static let pods = "/api/v1/namespaces/default/pods"
    static let services = "/api/v1/namespaces/default/services"
}
