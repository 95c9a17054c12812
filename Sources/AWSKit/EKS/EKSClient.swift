import Foundation
import Logging
import SDKCore

/// Amazon Elastic Kubernetes Service: clusters (endpoint, certificate authority) and node groups.
///
/// Uses the restJson1 protocol (`GET /clusters/{name}` …). Every call only reads, so every call
/// is retried on throttling, 5xx and broken connections.
public struct EKSClient: Sendable {
    let client: AWSServiceClient

    /// Creates a client.
    /// - Parameter endpoint: overrides the endpoint (else `AWS_ENDPOINT_URL_EKS`,
    ///   `AWS_ENDPOINT_URL`, then `https://eks.{region}.amazonaws.com`).
    public init(configuration: AWSConfiguration = AWSConfiguration(), endpoint: URL? = nil) throws {
        client = try AWSServiceClient(service: .eks, configuration: configuration, endpoint: endpoint, errorProtocol: .json)
    }

    /// The region the client calls.
    public var region: AWSRegion { client.region }

    /// A cluster: its API server endpoint, certificate authority, version and status.
    public func describeCluster(name: String, logger: Logger = .awsKitNoop) async throws -> EKSCluster {
        struct Reply: Decodable { var cluster: EKSCluster }
        let reply: Reply = try await get("/clusters/\(try Self.label(name, "cluster name"))", operation: "DescribeCluster", logger: logger)
        return reply.cluster
    }

    /// The names of the region's clusters, every page.
    public func listClusters(logger: Logger = .awsKitNoop) async throws -> [String] {
        struct Reply: Decodable { var clusters: [String]?; var nextToken: String? }
        return try await AWSServiceClient.paginate(operation: "ListClusters") { token in
            let reply: Reply = try await get("/clusters", query: Self.pageQuery(token), operation: "ListClusters", logger: logger)
            return (reply.clusters ?? [], reply.nextToken)
        }
    }

    /// The names of a cluster's managed node groups, every page.
    public func listNodegroups(cluster: String, logger: Logger = .awsKitNoop) async throws -> [String] {
        struct Reply: Decodable { var nodegroups: [String]?; var nextToken: String? }
        let path = "/clusters/\(try Self.label(cluster, "cluster name"))/node-groups"
        return try await AWSServiceClient.paginate(operation: "ListNodegroups") { token in
            let reply: Reply = try await get(path, query: Self.pageQuery(token), operation: "ListNodegroups", logger: logger)
            return (reply.nodegroups ?? [], reply.nextToken)
        }
    }

    /// A managed node group: its scaling, instance types, status and health.
    public func describeNodegroup(cluster: String, nodegroup: String, logger: Logger = .awsKitNoop) async throws -> EKSNodegroup {
        struct Reply: Decodable { var nodegroup: EKSNodegroup }
        let path = "/clusters/\(try Self.label(cluster, "cluster name"))/node-groups/\(try Self.label(nodegroup, "node group name"))"
        let reply: Reply = try await get(path, operation: "DescribeNodegroup", logger: logger)
        return reply.nodegroup
    }

    private static func pageQuery(_ token: String?) -> [(String, String)] {
        [("maxResults", "100")] + (token.map { [("nextToken", $0)] } ?? [])
    }

    /// A path label, percent-encoded; empty names are refused before anything is sent.
    static func label(_ value: String, _ what: String) throws -> String {
        guard !value.isEmpty, value.count <= 100 else {
            throw AWSClientError(.invalidParameter, "the \(what) '\(value)' must be 1 to 100 characters long")
        }
        return URIEncoding.encode(value)
    }

    private func get<Reply: Decodable>(_ path: String, query: [(String, String)] = [], operation: String, logger: Logger) async throws -> Reply {
        let request = HTTPRequest(method: "GET", url: try client.url(path: path, query: query), headers: ["Accept": "application/json"])
        let response = try await client.send(request, operation: operation, idempotent: true, logger: logger)
        return try client.decode(Reply.self, from: response, operation: operation)
    }
}
