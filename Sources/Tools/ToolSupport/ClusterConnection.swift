import AWSKit
import BlueGreen
import Foundation
import KubeKit
import Logging

/// An open connection to the cluster, as the shared options describe it.
public struct ClusterConnection: Sendable {
    public var client: KubeClient
    public var namespace: String
    /// For messages: the context or EKS cluster and its server.
    public var summary: String
    /// The AWS settings (region, profile, role), also used for ECR.
    public var aws: AWSConfiguration

    /// Connects through the kubeconfig (and context), or directly to `--eks-cluster`.
    public static func open(_ options: ConnectionOptions, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) async throws -> ClusterConnection {
        var aws = AWSConfiguration(region: options.region.map(AWSRegion.init(rawValue:)), profile: options.profile)
        aws = try EKSConnection.withRole(aws, roleARN: options.roleArn)
        let configuration: ClusterConfiguration
        let summary: String
        if let cluster = options.eksCluster {
            configuration = try await EKSConnection.clusterConfiguration(cluster: cluster, aws: aws, logger: logger)
            summary = "EKS cluster \(cluster) (\(configuration.server.host ?? ""))"
        } else {
            let kubeconfig = try KubeConfig.load(kubeconfigPath: options.kubeconfig, context: options.context, environment: environment, logger: logger)
            configuration = try kubeconfig.clusterConfiguration(environment: environment, logger: logger)
            summary = "\(kubeconfig.currentContext.map { "context \($0)" } ?? "in-cluster") (\(configuration.server.host ?? ""))"
        }
        let client = try KubeClient(configuration, logger: logger)
        return ClusterConnection(client: client, namespace: options.namespace ?? configuration.namespace, summary: summary, aws: aws)
    }

    /// Closes the client's connections.
    public func close() async {
        try? await client.shutdown()
    }
}
