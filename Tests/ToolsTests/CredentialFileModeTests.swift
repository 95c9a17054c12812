import Foundation
import KubeSandbox
import TestSupport
import Testing

/// Credential files the tools write (kube-sandbox's kubeconfig, which holds a bearer token or a
/// client key) are readable by their owner only, also when they replace a wider existing file.
@Suite(.timeLimit(.minutes(2)))
struct CredentialFileModeTests {
    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// `kube-sandbox --kubeconfig-out` writes its kubeconfig (token and client key) with mode 0600.
    @Test func kubeSandboxWritesItsKubeconfigPrivately() async throws {
        for arguments in [["--tls"], ["--token", "a-token", "--kubeconfig-user", "token"]] {
            let sandbox = try await SandboxProcess(arguments)
            #expect(try Self.mode(sandbox.kubeconfig) == 0o600, "\(arguments)")
            let text = try String(contentsOfFile: sandbox.kubeconfig, encoding: .utf8)
            #expect(text.contains("client-key-data") || text.contains("token: a-token"))
            sandbox.stop()
        }
    }

    /// A kubeconfig written over an existing world-readable file ends with mode 0600, and no
    /// temporary file is left beside it.
    @Test func overwritingAWideFileNarrowsIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kubeconfig").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644]))
        #expect(try Self.mode(path) == 0o644)
        var configuration = SandboxConfiguration()
        configuration.tls = true
        let sandbox = try await Sandbox.start(configuration)
        defer { Task { try? await sandbox.shutdown() } }
        try sandbox.writeKubeconfig(to: path)
        #expect(try Self.mode(path) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("client-key-data"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["kubeconfig"])
    }
}
