import Foundation
import KubeKit
import KubeSandbox
import Logging
import SDKCore
import TestSupport

/// A sandbox API server started for one test, with kubeconfigs for its users.
struct SandboxHarness {
    let sandbox: Sandbox
    let directory: TemporaryDirectory

    static func start(tls: Bool = true, configure: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> SandboxHarness {
        var configuration = SandboxConfiguration()
        configuration.tls = tls
        configuration.readyAfter = .milliseconds(100)
        configure(&configuration)
        return SandboxHarness(sandbox: try await Sandbox.start(configuration), directory: try TemporaryDirectory())
    }

    /// Loads the kubeconfig the sandbox writes for `user`, the way a pipeline would.
    func clusterConfiguration(user: KubeconfigUser, namespace: String = "default") throws -> ClusterConfiguration {
        let path = directory.url.appendingPathComponent("kubeconfig-\(user.rawValue)").path
        try sandbox.writeKubeconfig(to: path, user: user, namespace: namespace)
        return try KubeConfig.load(kubeconfigPath: path, environment: [:]).clusterConfiguration()
    }

    /// A kubeconfig whose user runs `plugin` for its token, loaded as a pipeline would.
    func execClusterConfiguration(plugin: ExecPlugin, namespace: String = "default") throws -> ClusterConfiguration {
        let ca = sandbox.caCertificatePEM.map { "    certificate-authority-data: \(Data($0.utf8).base64EncodedString())\n" } ?? ""
        let yaml = """
            apiVersion: v1
            kind: Config
            current-context: exec
            clusters:
            - name: sandbox
              cluster:
                server: \(sandbox.url.absoluteString)
            \(ca)contexts:
            - name: exec
              context: {cluster: sandbox, user: plugin, namespace: \(namespace)}
            users:
            - name: plugin
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: \(plugin.command)
                  interactiveMode: Never
                  provideClusterInfo: true

            """
        let path = try directory.write("kubeconfig-exec", yaml)
        return try KubeConfig.load(kubeconfigPath: path, environment: ProcessInfo.processInfo.environment).clusterConfiguration()
    }

    func client(_ configuration: ClusterConfiguration, retryPolicy: RetryPolicy = .standard, logger: Logger? = nil) throws -> KubeClient {
        try KubeClient(configuration, retryPolicy: retryPolicy, logger: logger ?? Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    func stop() async throws {
        try await sandbox.shutdown()
    }
}
