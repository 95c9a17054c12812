import Foundation
import Logging
import SDKCore

/// Amazon Elastic Container Registry: repositories, images, and registry login tokens.
///
/// Uses the awsJson1_1 protocol (`X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`).
/// Listing calls follow `nextToken` through every page.
public struct ECRClient: Sendable {
    let client: AWSServiceClient

    /// Creates a client.
    /// - Parameter endpoint: overrides the endpoint (else `AWS_ENDPOINT_URL_ECR`,
    ///   `AWS_ENDPOINT_URL`, then `https://api.ecr.{region}.amazonaws.com`).
    public init(configuration: AWSConfiguration = AWSConfiguration(), endpoint: URL? = nil) throws {
        client = try AWSServiceClient(service: .ecr, configuration: configuration, endpoint: endpoint, errorProtocol: .json)
    }

    /// The region the client calls.
    public var region: AWSRegion { client.region }

    /// Registry credentials for `docker login` / a registry client: user `AWS`, the password,
    /// the registry address and the expiry (12 hours).
    public func getAuthorizationToken(registryIDs: [String]? = nil, logger: Logger = .awsKitNoop) async throws -> [ECRAuthorization] {
        struct Input: Encodable { var registryIds: [String]? }
        struct Data: Decodable { var authorizationToken: String; var proxyEndpoint: String; var expiresAt: Date }
        struct Reply: Decodable { var authorizationData: [Data]? }
        let reply: Reply = try await call("GetAuthorizationToken", Input(registryIds: registryIDs), idempotent: true, logger: logger)
        return try (reply.authorizationData ?? []).map { data in
            guard let decoded = Foundation.Data(base64Encoded: data.authorizationToken), let text = String(data: decoded, encoding: .utf8),
                let colon = text.firstIndex(of: ":")
            else {
                throw AWSClientError(.invalidResponse, "ECR GetAuthorizationToken returned a token that is not base64 of user:password")
            }
            return ECRAuthorization(
                username: String(text[..<colon]), password: Secret(String(text[text.index(after: colon)...])),
                proxyEndpoint: data.proxyEndpoint, expiresAt: data.expiresAt)
        }
    }

    /// Repositories of the registry (all, or the named ones), every page.
    public func describeRepositories(names: [String]? = nil, registryID: String? = nil, logger: Logger = .awsKitNoop) async throws -> [ECRRepository] {
        struct Input: Encodable { var repositoryNames: [String]?; var registryId: String?; var nextToken: String?; var maxResults: Int? }
        struct Reply: Decodable { var repositories: [ECRRepository]?; var nextToken: String? }
        return try await AWSServiceClient.paginate(operation: "DescribeRepositories") { token in
            let input = Input(repositoryNames: names, registryId: registryID, nextToken: token, maxResults: names == nil ? 1000 : nil)
            let reply: Reply = try await call("DescribeRepositories", input, idempotent: true, logger: logger)
            return (reply.repositories ?? [], reply.nextToken)
        }
    }

    /// Creates a repository. Not repeated after a 5xx or a broken connection (it may have been
    /// created); a repeat would fail with `RepositoryAlreadyExistsException`.
    public func createRepository(
        name: String, tagMutability: ECRRepository.TagMutability? = nil, scanOnPush: Bool? = nil, tags: [String: String] = [:],
        logger: Logger = .awsKitNoop
    ) async throws -> ECRRepository {
        struct Scanning: Encodable { var scanOnPush: Bool }
        struct Tag: Encodable { var Key: String; var Value: String }
        struct Input: Encodable {
            var repositoryName: String
            var imageTagMutability: String?
            var imageScanningConfiguration: Scanning?
            var tags: [Tag]?
        }
        struct Reply: Decodable { var repository: ECRRepository }
        let input = Input(
            repositoryName: name, imageTagMutability: tagMutability?.rawValue, imageScanningConfiguration: scanOnPush.map(Scanning.init),
            tags: tags.isEmpty ? nil : tags.sorted { $0.key < $1.key }.map { Tag(Key: $0.key, Value: $0.value) })
        let reply: Reply = try await call("CreateRepository", input, idempotent: false, logger: logger)
        return reply.repository
    }

    /// Details (digest, tags, size, push time) of images in a repository: all, or the given
    /// ones; every page.
    public func describeImages(
        repository: String, imageIDs: [ECRImageIdentifier]? = nil, registryID: String? = nil, logger: Logger = .awsKitNoop
    ) async throws -> [ECRImageDetail] {
        struct Input: Encodable {
            var repositoryName: String; var imageIds: [ECRImageIdentifier]?; var registryId: String?; var nextToken: String?; var maxResults: Int?
        }
        struct Reply: Decodable { var imageDetails: [ECRImageDetail]?; var nextToken: String? }
        return try await AWSServiceClient.paginate(operation: "DescribeImages") { token in
            let input = Input(repositoryName: repository, imageIds: imageIDs, registryId: registryID, nextToken: token, maxResults: imageIDs == nil ? 1000 : nil)
            let reply: Reply = try await call("DescribeImages", input, idempotent: true, logger: logger)
            return (reply.imageDetails ?? [], reply.nextToken)
        }
    }

    /// The identifiers (digest and tag) of images in a repository; every page.
    /// - Parameter tagStatus: `TAGGED`, `UNTAGGED` or `ANY` (default).
    public func listImages(repository: String, tagStatus: String? = nil, registryID: String? = nil, logger: Logger = .awsKitNoop) async throws
        -> [ECRImageIdentifier]
    {
        struct Filter: Encodable { var tagStatus: String }
        struct Input: Encodable { var repositoryName: String; var registryId: String?; var filter: Filter?; var nextToken: String?; var maxResults: Int }
        struct Reply: Decodable { var imageIds: [ECRImageIdentifier]?; var nextToken: String? }
        return try await AWSServiceClient.paginate(operation: "ListImages") { token in
            let input = Input(repositoryName: repository, registryId: registryID, filter: tagStatus.map(Filter.init), nextToken: token, maxResults: 1000)
            let reply: Reply = try await call("ListImages", input, idempotent: true, logger: logger)
            return (reply.imageIds ?? [], reply.nextToken)
        }
    }

    /// Image manifests by tag or digest. Images that are missing come back as failures, not errors.
    public func batchGetImage(
        repository: String, imageIDs: [ECRImageIdentifier], acceptedMediaTypes: [String]? = nil, registryID: String? = nil,
        logger: Logger = .awsKitNoop
    ) async throws -> ECRBatchGetImageResult {
        struct Input: Encodable { var repositoryName: String; var imageIds: [ECRImageIdentifier]; var acceptedMediaTypes: [String]?; var registryId: String? }
        let input = Input(repositoryName: repository, imageIds: imageIDs, acceptedMediaTypes: acceptedMediaTypes, registryId: registryID)
        return try await call("BatchGetImage", input, idempotent: true, logger: logger)
    }

    /// Deletes images by tag or digest. Not repeated after a 5xx or a broken connection.
    public func batchDeleteImage(repository: String, imageIDs: [ECRImageIdentifier], registryID: String? = nil, logger: Logger = .awsKitNoop)
        async throws -> ECRBatchDeleteImageResult
    {
        struct Input: Encodable { var repositoryName: String; var imageIds: [ECRImageIdentifier]; var registryId: String? }
        return try await call("BatchDeleteImage", Input(repositoryName: repository, imageIds: imageIDs, registryId: registryID), idempotent: false, logger: logger)
    }

    private func call<Input: Encodable, Reply: Decodable>(_ operation: String, _ input: Input, idempotent: Bool, logger: Logger) async throws -> Reply {
        let request = HTTPRequest(
            method: "POST",
            url: try client.url(path: "/"),
            headers: [
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": "AmazonEC2ContainerRegistry_V20150921.\(operation)",
            ],
            body: try AWSServiceClient.jsonEncoder.encode(input)
        )
        let response = try await client.send(request, operation: operation, idempotent: idempotent, logger: logger)
        return try client.decode(Reply.self, from: response, operation: operation)
    }
}
