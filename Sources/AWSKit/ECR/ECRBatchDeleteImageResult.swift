/// The images BatchDeleteImage deleted, and the ones it could not.
public struct ECRBatchDeleteImageResult: Sendable, Hashable, Decodable {
    /// Deleted images.
    public var imageIds: [ECRImageIdentifier]
    /// Images not deleted, with reasons.
    public var failures: [ECRImageFailure]

    enum CodingKeys: String, CodingKey { case imageIds, failures }

    /// Decodes a reply in which either list may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        imageIds = try container.decodeIfPresent([ECRImageIdentifier].self, forKey: .imageIds) ?? []
        failures = try container.decodeIfPresent([ECRImageFailure].self, forKey: .failures) ?? []
    }
}
