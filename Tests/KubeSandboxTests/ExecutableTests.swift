import Foundation
import SDKCore
import TestSupport
import Testing

struct ExecutableTests {
    struct NotBuilt: Error, CustomStringConvertible {
        var description: String { "the kube-sandbox executable is not built next to the tests; run `swift build --build-tests` (scripts/test does)" }
    }

    /// The built `kube-sandbox`, next to the test bundle.
    static func executable() throws -> String {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("kube-sandbox").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw NotBuilt()
    }

    /// `--help` explains every option and the admin endpoint.
    @Test func help() async throws {
        let outcome = try await ProcessRunner().run(.init(try Self.executable(), arguments: ["--help"]), timeout: .seconds(20))
        #expect(outcome.exitCode == 0)
        for option in [
            "--port", "--kubeconfig-out", "--tls", "--nodes", "--node-cpu", "--node-memory", "--node-pods", "--ready-after",
            "--image-rule", "--seed", "--error-rate", "--drop-rate", "--latency", "--watch-close-after", "--conflict-rate", "/sandbox/v1/faults",
        ] {
            #expect(outcome.standardOutputText.contains(option), "help does not mention \(option)")
        }
    }

    /// Bad input is a usage error (exit 64 from the argument parser) that names the problem, not a crash.
    @Test(arguments: [["--port", "99999"], ["--ready-after", "soon"], ["--image-rule", "web=explode"], ["--nodes", "-1"]])
    func badArguments(_ arguments: [String]) async throws {
        let outcome = try await ProcessRunner().run(.init(try Self.executable(), arguments: arguments), timeout: .seconds(20))
        #expect(outcome.exitCode == 64)
        #expect(outcome.standardErrorText.contains("Error:"))
        #expect(!outcome.standardErrorText.contains("Fatal error"))
    }

    /// It prints its URL when ready, writes a working kubeconfig and stops cleanly on SIGTERM.
    @Test func startsServesAndStops() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kube-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let output = directory.appendingPathComponent("out.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.executable())
        process.arguments = ["--port", "0", "--tls", "--kubeconfig-out", kubeconfig, "--kubeconfig-user", "token", "--nodes", "2"]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var line = ""
        for _ in 0..<100 where !line.contains("serving") {
            try await Task.sleep(for: .milliseconds(50))
            line = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        }
        #expect(line.hasPrefix("kube-sandbox: serving https://127.0.0.1:"))
        let config = try String(contentsOfFile: kubeconfig, encoding: .utf8)
        #expect(config.contains("token: sandbox-"))
        let kubectl = try Prerequisites.executable("kubectl", install: "apt-get install kubernetes-client (scripts/test installs it)")
        let nodes = try await ProcessRunner().run(
            .init(kubectl, arguments: ["get", "nodes", "-o", "name"], environment: ["KUBECONFIG": kubeconfig]), timeout: .seconds(30))
        #expect(nodes.standardOutputText == "node/sandbox-node-1\nnode/sandbox-node-2\n")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(process.terminationReason == .exit)
    }
}
