import Foundation

/// What AWSKit knows about a service: its signing name, the host prefix of its endpoints, and the
/// name of its endpoint-override variable.
public struct AWSService: Sendable, Hashable {
    /// The name in the credential scope (`sts`, `ecr`, `eks`).
    public var signingName: String
    /// The first labels of the default host, before `.{region}.{dnsSuffix}` (`api.ecr` for ECR).
    public var hostPrefix: String
    /// The service id as `AWS_ENDPOINT_URL_<ID>` spells it (`STS`, `ECR`, `EKS`).
    public var environmentID: String

    /// Describes a service.
    public init(signingName: String, hostPrefix: String, environmentID: String) {
        self.signingName = signingName
        self.hostPrefix = hostPrefix
        self.environmentID = environmentID
    }

    /// AWS Security Token Service.
    public static let sts = AWSService(signingName: "sts", hostPrefix: "sts", environmentID: "STS")
    /// Amazon Elastic Container Registry.
    public static let ecr = AWSService(signingName: "ecr", hostPrefix: "api.ecr", environmentID: "ECR")
    /// Amazon Elastic Kubernetes Service.
    public static let eks = AWSService(signingName: "eks", hostPrefix: "eks", environmentID: "EKS")

    /// The endpoint to call: `AWS_ENDPOINT_URL_<ID>`, then `AWS_ENDPOINT_URL`, then the selected
    /// profile's `endpoint_url`, then `https://{hostPrefix}.{region}.{dnsSuffix}`. Setting
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` skips the overrides. This is also how tests point
    /// the clients at a local emulator.
    /// - Throws: ``AWSClientError`` with code `.invalidEndpoint` for an override that is not an
    ///   absolute http(s) URL.
    public func endpoint(region: AWSRegion, profile: String? = nil, environment: AWSEnvironment = .process) throws -> URL {
        if !environment.isTrue("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") {
            let variable = "AWS_ENDPOINT_URL_\(environmentID)"
            if let override = environment[variable] { return try Self.parse(override, source: variable) }
            if let override = environment["AWS_ENDPOINT_URL"] { return try Self.parse(override, source: "AWS_ENDPOINT_URL") }
            let profileName = profile ?? environment.selectedProfile ?? "default"
            if let config = try? SharedConfig.load(environment: environment), let override = config.profile(profileName)?["endpoint_url"] {
                return try Self.parse(override, source: "endpoint_url of profile '\(profileName)'")
            }
        }
        return try Self.parse("https://\(hostPrefix).\(region.rawValue).\(region.dnsSuffix)", source: "the region")
    }

    static func parse(_ text: String, source: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil else {
            throw AWSClientError(.invalidEndpoint, "\(source) is '\(text)', which is not an http(s) URL; set it to one such as https://sts.eu-west-1.amazonaws.com")
        }
        return url
    }
}
