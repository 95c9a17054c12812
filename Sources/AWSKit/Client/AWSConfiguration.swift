import Foundation
import SDKCore

/// What the AWS clients (``STSClient``, ``ECRClient``, ``EKSClient``) share: where to send
/// requests, which credentials sign them, and how to send and retry them.
public struct AWSConfiguration: Sendable {
    /// The region; `nil` resolves it as ``AWSRegion/resolve(_:profile:environment:)`` does.
    public var region: AWSRegion?
    /// The shared-config profile; `nil` uses `AWS_PROFILE` or `default`.
    public var profile: String?
    /// The credentials; `nil` uses the default chain (``CredentialProvider/default(profile:environment:transport:)``).
    public var credentials: (any CredentialProvider)?
    /// Where settings are read from; tests pass their own instead of the process's.
    public var environment: AWSEnvironment
    /// How requests are sent.
    public var transport: any HTTPTransport
    /// When failed calls are repeated (throttling, 5xx, connection failures; only where safe).
    public var retryPolicy: RetryPolicy
    /// Time allowed for one attempt.
    public var timeout: Duration

    /// Creates a configuration; every setting has a production default.
    public init(
        region: AWSRegion? = nil,
        profile: String? = nil,
        credentials: (any CredentialProvider)? = nil,
        environment: AWSEnvironment = .process,
        transport: any HTTPTransport = AsyncHTTPClientTransport.shared,
        retryPolicy: RetryPolicy = .standard,
        timeout: Duration = .seconds(30)
    ) {
        self.region = region
        self.profile = profile
        self.credentials = credentials
        self.environment = environment
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.timeout = timeout
    }

    /// The region to use, resolved and validated.
    public func resolvedRegion() throws -> AWSRegion {
        if let region { return try AWSRegion.validated(region.rawValue) }
        return try AWSRegion.resolve(nil, profile: profile, environment: environment)
    }

    /// The credential provider to use.
    public func resolvedCredentials() -> any CredentialProvider {
        credentials ?? CachingCredentialProvider.default(profile: profile, environment: environment, transport: transport)
    }
}
