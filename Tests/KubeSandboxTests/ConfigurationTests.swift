import Foundation
import Testing

@testable import KubeSandbox

struct ConfigurationTests {
    /// Unusable configurations are refused with a message that names the fix.
    @Test func invalidConfigurations() async {
        var badPort = SandboxConfiguration()
        badPort.port = 70000
        await #expect(throws: SandboxError.self) { _ = try await Sandbox.start(badPort) }
        var badNode = SandboxConfiguration()
        badNode.nodes = [NodeSpec(name: "n", cpu: "lots")]
        do {
            _ = try await Sandbox.start(badNode)
            Issue.record("a bad CPU quantity was accepted")
        } catch let error as SandboxError {
            #expect(error.message.contains("use e.g. 4 or 3500m"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// Seed documents (YAML with several documents and a List) are created at start.
    @Test func seeding() async throws {
        let yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: seeded, namespace: demo}
            data: {k: v}
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: listed}
            """
        try await withSandbox({ $0.seedDocuments = [yaml] }) { sandbox, client async throws in
            #expect(try await client.get("/api/v1/namespaces/demo/configmaps/seeded").json.value(at: ["data", "k"]) == "v")
            #expect(try await client.get("/api/v1/namespaces/default/configmaps/listed").status == 200)
            #expect(await sandbox.count(apiVersion: "v1", kind: "ConfigMap") == 2)
        }
        var unknown = SandboxConfiguration()
        unknown.seedDocuments = ["apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"]
        await #expect(throws: SandboxError.self) { _ = try await Sandbox.start(unknown) }
    }

    /// Image rule globs match as documented.
    @Test(arguments: [
        ("*:broken", "registry/web:broken", true), ("*crash*", "crasher:1", true), ("web:?", "web:12", false), ("web:1?", "web:12", true),
    ])
    func imageRuleGlobs(_ pattern: String, _ image: String, _ expected: Bool) {
        #expect(ImageRule(pattern: pattern, behaviour: .pullFailure).matches(image) == expected)
    }

    /// Shutdown is idempotent and stops serving.
    @Test func shutdown() async throws {
        let sandbox = try await Sandbox.start()
        let client = try SandboxClient(sandbox)
        #expect(try await client.get("/healthz").status == 200)
        try await sandbox.shutdown()
        try await sandbox.shutdown()
        await #expect(throws: (any Error).self) { try await client.get("/healthz") }
    }
}
