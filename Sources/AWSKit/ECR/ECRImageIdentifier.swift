/// An image by digest, by tag, or both.
public struct ECRImageIdentifier: Sendable, Hashable, Codable {
    /// `sha256:…`.
    public var imageDigest: String?
    /// A tag such as `42`.
    public var imageTag: String?

    /// Creates an identifier.
    public init(digest: String? = nil, tag: String? = nil) {
        self.imageDigest = digest
        self.imageTag = tag
    }

    /// An image by tag.
    public static func tag(_ tag: String) -> ECRImageIdentifier { ECRImageIdentifier(tag: tag) }
    /// An image by digest.
    public static func digest(_ digest: String) -> ECRImageIdentifier { ECRImageIdentifier(digest: digest) }
}
