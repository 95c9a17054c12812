import Foundation

/// The `kube-sandbox` executable started for a test, with a kubeconfig written for it.
public final class SandboxProcess: @unchecked Sendable {
    public let server: ServerProcess
    public let kubeconfig: String
    public let directory: URL

    /// Starts `kube-sandbox` with `arguments` (plus a port and a kubeconfig path).
    public init(_ arguments: [String] = []) async throws {
        let tool = try BuiltTool("kube-sandbox")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        self.kubeconfig = kubeconfig
        // The sandbox writes the kubeconfig once it listens.
        server = try await ServerProcess(tool.path, arguments: { port in ["--port", "\(port)", "--kubeconfig-out", kubeconfig] + arguments }) { _ in
            ((try? FileManager.default.attributesOfItem(atPath: kubeconfig)[.size] as? Int) ?? 0) > 0
        }
    }

    public func stop() { server.stop() }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
