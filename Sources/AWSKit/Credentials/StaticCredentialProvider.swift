import Logging

/// Always the same credentials (from a vault, a test, or a call the program made itself).
public struct StaticCredentialProvider: CredentialProvider {
    /// The credentials handed out.
    public let value: AWSCredentials

    /// Creates a provider of fixed credentials.
    public init(_ credentials: AWSCredentials) { self.value = credentials }

    /// The fixed credentials.
    public func credentials(logger: Logger) async throws -> AWSCredentials { value }
}
