import Foundation

/// An ECR repository.
public struct ECRRepository: Sendable, Hashable, Codable {
    /// Whether tags can be overwritten.
    public struct TagMutability: RawRepresentable, Sendable, Hashable, Codable {
        /// `MUTABLE` or `IMMUTABLE`.
        public let rawValue: String
        /// Creates a value.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Tags can move to another image.
        public static let mutable = TagMutability(rawValue: "MUTABLE")
        /// A pushed tag never changes.
        public static let immutable = TagMutability(rawValue: "IMMUTABLE")
    }

    /// The repository's name, such as `web` or `team/web`.
    public var name: String
    /// Its ARN.
    public var arn: String?
    /// The registry (account) id.
    public var registryID: String?
    /// The image address without tag: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/web`.
    public var uri: String?
    /// When it was created.
    public var createdAt: Date?
    /// Whether tags can be overwritten.
    public var imageTagMutability: TagMutability?

    enum CodingKeys: String, CodingKey {
        case name = "repositoryName"
        case arn = "repositoryArn"
        case registryID = "registryId"
        case uri = "repositoryUri"
        case createdAt
        case imageTagMutability
    }
}
