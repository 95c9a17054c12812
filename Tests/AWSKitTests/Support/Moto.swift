import AWSKit
import Foundation
import SDKCore
import TestSupport

/// A `moto_server` on a free loopback port, for one test: the AWS emulator the clients are
/// pointed at through `AWS_ENDPOINT_URL`. Stopped by ``stop()`` (or when released).
final class Moto: Sendable {
    let server: ServerProcess
    var port: Int { server.port }
    var endpoint: String { "http://127.0.0.1:\(server.port)" }

    init() async throws {
        let executable = try Prerequisites.executable("moto_server", install: "Install it with: pip install 'moto[server]' (scripts/test does).")
        // ServerProcess starts it with default signal handling, so stop()'s SIGTERM reaches it.
        server = try await ServerProcess(executable, arguments: { ["-H", "127.0.0.1", "-p", String($0)] }) { port in
            await ServerProcess.answers("http://127.0.0.1:\(port)/moto-api/")
        }
    }

    func stop() { server.stop() }

    /// An environment with fake keys, the region and every endpoint on this server, and the
    /// metadata service switched off (no test may reach for 169.254.169.254).
    func environment(_ extra: [String: String] = [:], home: String = "/nonexistent") -> AWSEnvironment {
        var variables = [
            "AWS_ACCESS_KEY_ID": "AKIAMOTOTESTKEY00001",
            "AWS_SECRET_ACCESS_KEY": "moto-secret-key-0000000000000000000000",
            "AWS_REGION": "eu-west-1",
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        variables.merge(extra) { _, new in new }
        return AWSEnvironment(variables, homeDirectory: home)
    }

    func configuration(_ extra: [String: String] = [:], retry: RetryPolicy = .none) -> AWSConfiguration {
        AWSConfiguration(environment: environment(extra), retryPolicy: retry)
    }

    /// Sends a signed request for an operation AWSKit does not model (to set up state), and
    /// returns the reply's body.
    @discardableResult
    func raw(service: String, method: String = "POST", path: String = "/", target: String? = nil, json: String) async throws -> Data {
        var headers: HTTPHeaderFields = ["Content-Type": target == nil ? "application/json" : "application/x-amz-json-1.1"]
        if let target { headers.add(name: "X-Amz-Target", value: target) }
        var request = HTTPRequest(method: method, url: URL(string: endpoint + path)!, headers: headers, body: Data(json.utf8))
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: "AKIAMOTOTESTKEY00001", secretAccessKey: "moto-secret-key-0000000000000000000000"),
            region: "eu-west-1", service: service)
        try signer.sign(&request)
        let response = try await AsyncHTTPClientTransport.shared.execute(request, timeout: .seconds(10))
        guard response.isSuccess else {
            throw VectorError(message: "moto \(target ?? path) failed: \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return response.body
    }
}
