import Foundation

/// An EKS managed node group as DescribeNodegroup returns it.
public struct EKSNodegroup: Sendable, Hashable, Codable {
    /// Minimum, maximum and desired node counts.
    public struct ScalingConfig: Sendable, Hashable, Codable {
        /// The fewest nodes.
        public var minSize: Int?
        /// The most nodes.
        public var maxSize: Int?
        /// The nodes wanted now.
        public var desiredSize: Int?
    }

    /// The node group's name.
    public var nodegroupName: String
    /// Its ARN.
    public var nodegroupArn: String?
    /// The cluster it belongs to.
    public var clusterName: String?
    /// `CREATING`, `ACTIVE`, `UPDATING`, `DELETING`, `CREATE_FAILED`, `DEGRADED` …
    public var status: String?
    /// `ON_DEMAND` or `SPOT`.
    public var capacityType: String?
    /// EC2 instance types, such as `t3.medium`.
    public var instanceTypes: [String]?
    /// Node counts.
    public var scalingConfig: ScalingConfig?
    /// Kubernetes labels on the nodes.
    public var labels: [String: String]?
    /// The Kubernetes version.
    public var version: String?
    /// The AMI release.
    public var releaseVersion: String?
    /// The AMI type.
    public var amiType: String?
    /// The subnets.
    public var subnets: [String]?
    /// When it was created.
    public var createdAt: Date?
}
