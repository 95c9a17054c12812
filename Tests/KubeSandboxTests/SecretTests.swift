import TestSupport
import Testing

@testable import KubeSandbox

struct SecretTests {
    /// Tokens and keys appear in no log line, description or dump of the sandbox and its configuration.
    @Test func secretsStayOut() async throws {
        let capture = LogCapture()
        var configuration = SandboxConfiguration()
        configuration.tls = true
        configuration.bearerToken = "very-secret-token"
        let sandbox = try await Sandbox.start(configuration, logger: capture.logger())
        let client = try SandboxClient(sandbox, user: .token)
        #expect(try await client.get("/api/v1/namespaces").status == 200)
        let wrong = try SandboxClient(sandbox, user: .anonymous, token: "other-secret")
        #expect(try await wrong.get("/api/v1/namespaces").status == 401)
        try await sandbox.shutdown()
        #expect(!capture.entries.isEmpty)
        var dumped = ""
        dump(configuration, to: &dumped)
        dump(sandbox, to: &dumped)
        let key = try #require(sandbox.clientKeyPEM)
        for text in [capture.allText, "\(configuration)", String(reflecting: configuration), "\(sandbox)", dumped] {
            #expect(!text.contains("very-secret-token"))
            #expect(!text.contains("other-secret"))
            #expect(!text.contains(key))
        }
    }
}
