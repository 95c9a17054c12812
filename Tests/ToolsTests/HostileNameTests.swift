import Foundation
import SDKCore
import TestSupport
import Testing

/// Names and versions are validated before any use: hostile values (path traversal, spaces,
/// shell syntax, over-long, upper-case, non-ASCII) exit 2 with a message, and neither the
/// cluster nor the image builder ever sees them.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct HostileNameTests {
    static let hostile = ["../x", "a b", "$(rm -rf ~)", "x;id", String(repeating: "a", count: 64), "Web", "wéb", "-web", "web-", ""]

    /// The requests the sandbox has answered (its admin endpoint's own requests excluded).
    static func clusterRequests(_ sandbox: SandboxProcess) async throws -> [String] {
        let server = try ToolSecretLeakTests.server(in: sandbox.kubeconfig)
        let url = try #require(URL(string: server + "/sandbox/v1/requests"))
        let response = try await AsyncHTTPClientTransport.shared.execute(HTTPRequest(method: "GET", url: url), timeout: .seconds(10))
        let records = try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]])
        return records.compactMap { $0["path"] as? String }.filter { !$0.hasPrefix("/sandbox/") }
    }

    /// Every tool refuses each hostile app name or version with exit 2 before any request or
    /// builder call; the builder stand-in never runs.
    @Test func hostileNamesAreRefusedBeforeAnyUse() async throws {
        let sandbox = try await SandboxProcess(["--ready-after", "100ms"])
        let builderLog = sandbox.directory.appendingPathComponent("builder-calls.log")
        let builder = sandbox.directory.appendingPathComponent("builder")
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '\(builderLog.path)'\n".write(to: builder, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: builder.path)
        let env = ["KUBECONFIG": sandbox.kubeconfig]
        let deployBase = ["--image", "registry.example.com/web", "--skip-image-check", "--templates", PipelineToolsTests.templates, "--build", "--builder", builder.path]

        var runs: [(String, [String])] = []
        for value in Self.hostile {
            // `--flag=value`, so that a value starting with '-' is not taken for a flag.
            runs.append(("bluegreen-deploy", ["--app=\(value)", "--version", "1"] + deployBase))
            runs.append(("bluegreen-deploy", ["--app", "web", "--version=\(value)"] + deployBase))
            runs.append(("bluegreen-route", ["--app=\(value)", "--list"]))
            runs.append(("bluegreen-route", ["--app", "web", "--to=\(value)"]))
            runs.append(("bluegreen-purge", ["--app=\(value)"]))
        }
        for (tool, arguments) in runs {
            let run = try await BuiltTool(tool).run(arguments, environment: env)
            #expect(run.exitCode == 2, "\(tool) \(arguments): \(run)")
            let named = ["not valid", "empty", "characters long", "Missing value"].contains { run.stderr.contains($0) }
            #expect(named, "\(tool) \(arguments): \(run)")
        }
        #expect(try await Self.clusterRequests(sandbox).isEmpty, "a hostile name reached the cluster")
        #expect(!FileManager.default.fileExists(atPath: builderLog.path), "a hostile name reached the image builder")
    }
}
