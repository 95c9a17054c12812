/// An AWS region name such as `eu-west-1`.
public struct AWSRegion: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The region's name.
    public let rawValue: String

    /// A region by name (not checked; see ``validated(_:)``).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A region by name (not checked).
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The name.
    public var description: String { rawValue }

    /// The DNS suffix of the region's partition: `amazonaws.com.cn` in China, else `amazonaws.com`.
    public var dnsSuffix: String { rawValue.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com" }

    /// A region name checked to be a DNS label made of lower-case letters, digits and hyphens
    /// (it becomes part of host names).
    /// - Throws: ``AWSClientError`` with code `.invalidRegion`.
    public static func validated(_ name: String) throws -> AWSRegion {
        let valid = !name.isEmpty && name.count <= 63
            && name.utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
            && !name.hasPrefix("-") && !name.hasSuffix("-")
        guard valid else {
            throw AWSClientError(.invalidRegion, "'\(name)' is not an AWS region name; use one such as eu-west-1 or us-east-1")
        }
        return AWSRegion(rawValue: name)
    }

    /// Finds the region to use: `explicit`, then `AWS_REGION`, `AWS_DEFAULT_REGION`, then the
    /// `region` of the selected profile in the shared config file.
    /// - Throws: ``AWSClientError`` with code `.missingRegion` when none is set, or `.invalidRegion`.
    public static func resolve(_ explicit: String? = nil, profile: String? = nil, environment: AWSEnvironment = .process) throws -> AWSRegion {
        if let explicit, !explicit.isEmpty { return try validated(explicit) }
        if let name = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] { return try validated(name) }
        let profileName = profile ?? environment.selectedProfile ?? "default"
        if let config = try? SharedConfig.load(environment: environment), let name = config.profile(profileName)?["region"] {
            return try validated(name)
        }
        throw AWSClientError(
            .missingRegion,
            "no AWS region is configured; pass --region, set AWS_REGION, or add 'region = …' to profile '\(profileName)' in ~/.aws/config")
    }
}
