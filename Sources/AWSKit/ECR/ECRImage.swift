/// An image with its manifest, from BatchGetImage.
public struct ECRImage: Sendable, Hashable, Codable {
    /// The repository.
    public var repositoryName: String?
    /// The registry (account) id.
    public var registryId: String?
    /// Digest and tag.
    public var imageId: ECRImageIdentifier
    /// The manifest JSON.
    public var imageManifest: String?
    /// The manifest's media type.
    public var imageManifestMediaType: String?
}
