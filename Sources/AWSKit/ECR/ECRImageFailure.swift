/// An image a batch call could not get or delete, with ECR's reason.
public struct ECRImageFailure: Sendable, Hashable, Codable {
    /// The image asked for.
    public var imageId: ECRImageIdentifier?
    /// Such as `ImageNotFound` or `ImageTagDoesNotMatchDigest`.
    public var failureCode: String?
    /// ECR's explanation.
    public var failureReason: String?
}
