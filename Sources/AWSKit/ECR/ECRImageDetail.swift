import Foundation

/// What DescribeImages says about an image.
public struct ECRImageDetail: Sendable, Hashable, Codable {
    /// The repository.
    public var repositoryName: String?
    /// The registry (account) id.
    public var registryId: String?
    /// `sha256:…`.
    public var imageDigest: String?
    /// Its tags.
    public var imageTags: [String]?
    /// Compressed size in bytes.
    public var imageSizeInBytes: Int?
    /// When it was pushed.
    public var imagePushedAt: Date?
    /// The manifest's media type.
    public var imageManifestMediaType: String?
}
