/// The images BatchGetImage found, and the ones it did not.
public struct ECRBatchGetImageResult: Sendable, Hashable, Decodable {
    /// Found images.
    public var images: [ECRImage]
    /// Images not found or not readable.
    public var failures: [ECRImageFailure]

    enum CodingKeys: String, CodingKey { case images, failures }

    /// Decodes a reply in which either list may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        images = try container.decodeIfPresent([ECRImage].self, forKey: .images) ?? []
        failures = try container.decodeIfPresent([ECRImageFailure].self, forKey: .failures) ?? []
    }
}
