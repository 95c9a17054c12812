import Foundation
import Logging
import SDKCore

/// Temporary credentials for a role, obtained with STS AssumeRole signed by another provider's
/// credentials (a profile's `source_profile`, the `--role-arn` of a tool).
public struct AssumeRoleCredentialProvider: CredentialProvider {
    /// The role to assume.
    public let roleARN: String
    /// The session name recorded in CloudTrail.
    public let sessionName: String
    /// The external id the role's trust policy demands, if any.
    public let externalID: String?
    /// The session lifetime in seconds; `nil` for the default hour.
    public let duration: Int?
    /// The credentials that call AssumeRole.
    public let source: any CredentialProvider
    let environment: AWSEnvironment
    let transport: any HTTPTransport
    let region: AWSRegion?

    /// Creates a provider.
    public init(
        roleARN: String, sessionName: String? = nil, externalID: String? = nil, duration: Int? = nil, source: any CredentialProvider,
        region: AWSRegion? = nil, environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPClientTransport.shared
    ) {
        self.roleARN = roleARN
        self.sessionName = sessionName ?? "swift-bluegreen-\(Int(Date().timeIntervalSince1970))"
        self.externalID = externalID
        self.duration = duration
        self.source = source
        self.region = region
        self.environment = environment
        self.transport = transport
    }

    /// Assumes the role.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        var configuration = WebIdentityCredentialProvider.stsConfiguration(environment: environment, transport: transport, source: source)
        if let region { configuration.region = region }
        logger.debug("assuming a role", metadata: ["aws.roleArn": "\(roleARN)"])
        do {
            return try await CredentialError.wrappingSTS("assuming \(roleARN)") {
                let sts = try STSClient(configuration: configuration)
                return try await sts.assumeRole(roleARN: roleARN, sessionName: sessionName, externalID: externalID, duration: duration, logger: logger)
                    .credentials
            }
        } catch let error as CredentialError where error.code == .notConfigured || error.code == .noCredentials {
            throw CredentialError(.incompleteConfiguration, "cannot assume \(roleARN): its source credentials are missing (\(error.message))")
        }
    }
}
