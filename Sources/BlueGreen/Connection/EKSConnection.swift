import AWSKit
import Foundation
import KubeKit
import Logging

/// Connects KubeKit to an EKS cluster with nothing but AWS credentials: DescribeCluster gives the
/// endpoint and CA, and the bearer token is AWSKit's EKS token, made in process (no `aws`
/// subprocess), cached, and remade a minute before it expires or when the server answers 401.
public enum EKSConnection {
    /// The cluster configuration for `cluster`.
    /// - Parameters:
    ///   - aws: region, profile, credentials; with `roleARN` set the role is assumed first and
    ///     its credentials (cached and refreshed) sign both DescribeCluster and the tokens.
    ///   - namespace: the default namespace of the configuration.
    public static func clusterConfiguration(
        cluster: String, aws: AWSConfiguration, roleARN: String? = nil, namespace: String = "default", logger: Logger
    ) async throws -> ClusterConfiguration {
        let aws = try withRole(aws, roleARN: roleARN)
        let eks = try EKSClient(configuration: aws)
        let description = try await eks.describeCluster(name: cluster, logger: logger)
        guard let endpoint = description.endpoint, let server = URL(string: endpoint) else {
            throw AWSClientError(.invalidParameter, "the EKS cluster \(cluster) has no API endpoint yet (status \(description.status ?? "unknown")); wait until it is ACTIVE")
        }
        let ca = try description.certificateAuthorityPEM()
        let tokens = EKSTokenProvider(source: EKSTokenSource(clusterName: cluster, configuration: aws, logger: logger))
        return ClusterConfiguration(server: server, caPEM: ca, auth: .tokenProvider(tokens), namespace: namespace)
    }

    /// `aws` with its credentials replaced by those of `roleARN`, assumed from the original ones.
    public static func withRole(_ aws: AWSConfiguration, roleARN: String?) throws -> AWSConfiguration {
        guard let roleARN else { return aws }
        var assumed = aws
        assumed.credentials = .assumeRole(
            roleARN, sessionName: "bluegreen", source: aws.resolvedCredentials(), region: try aws.resolvedRegion(), environment: aws.environment,
            transport: aws.transport)
        return assumed
    }
}
