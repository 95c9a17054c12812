import Logging

/// A source of AWS credentials.
///
/// Make one with the static members — `.environment`, `.webIdentity(…)`, `.profile(…)`,
/// `.container(…)`, `.instanceMetadata(…)`, `.chain(…)`, or `.default(…)` for the standard chain:
///
/// ```swift
/// let provider: any CredentialProvider = .default()
/// let credentials = try await provider.credentials()
/// ```
///
/// A provider that is not set up at all throws ``CredentialError`` with code
/// ``CredentialError/Code/notConfigured``, which is what lets a chain try the next one; any
/// other error stops the chain, so a half-configured source is reported instead of skipped.
public protocol CredentialProvider: Sendable {
    /// Current credentials. Providers of expiring credentials refresh them before they expire
    /// when wrapped in ``CachingCredentialProvider`` (the static members do that).
    func credentials(logger: Logger) async throws -> AWSCredentials
}

extension CredentialProvider {
    /// Current credentials, without logging.
    public func credentials() async throws -> AWSCredentials {
        try await credentials(logger: .awsKitNoop)
    }
}
