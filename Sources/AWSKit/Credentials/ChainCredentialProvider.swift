import Logging

/// Asks providers in order and uses the first that yields credentials.
///
/// A provider that is not configured is skipped; any other failure (a half-configured source,
/// an unreachable credential service, a refused role) stops the chain with that error, so that a
/// mistake is reported instead of silently falling through to other credentials.
public struct ChainCredentialProvider: CredentialProvider {
    /// The providers, in order.
    public let providers: [any CredentialProvider]

    /// Creates a chain.
    public init(_ providers: [any CredentialProvider]) { self.providers = providers }

    /// The first provider's credentials.
    /// - Throws: the first real error, or ``CredentialError`` `.noCredentials` listing what was tried.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        var tried: [String] = []
        for provider in providers {
            do {
                return try await provider.credentials(logger: logger)
            } catch let error as CredentialError where error.code == .notConfigured {
                logger.trace("credential source not configured", metadata: ["reason": "\(error.message)"])
                tried.append(error.message)
            }
        }
        throw CredentialError(
            .noCredentials,
            "no AWS credentials found (\(tried.joined(separator: "; "))). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with AWS_PROFILE or --profile, or run where a role is available (EKS, ECS, EC2)")
    }
}
