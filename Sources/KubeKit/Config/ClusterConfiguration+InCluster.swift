import Foundation
import Logging

extension ClusterConfiguration {
    /// The configuration of the pod this process runs in: `KUBERNETES_SERVICE_HOST` and
    /// `KUBERNETES_SERVICE_PORT`, the service-account token (read again when the kubelet rotates
    /// it), its CA and its namespace.
    /// - Throws: ``KubeConfigError`` when the variables or the token are missing.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount",
        logger: Logger = Logger(label: "KubeKit", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws -> ClusterConfiguration {
        guard let inCluster = InClusterEnvironment(environment: environment, directory: serviceAccountDirectory) else {
            throw KubeConfigError(
                .noConfiguration, entry: "in-cluster",
                "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, so this is not a pod; use a kubeconfig instead"
            )
        }
        return try KubeConfig.inClusterConfiguration(inCluster, logger: logger)
    }
}
