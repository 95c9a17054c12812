import Foundation
import Logging

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, for temporary ones,
/// `AWS_SESSION_TOKEN` (and `AWS_CREDENTIAL_EXPIRATION`).
///
/// Neither key set: not configured. Only one of the two: an error, not a silent skip.
public struct EnvironmentCredentialProvider: CredentialProvider {
    /// Where the variables are read.
    public let environment: AWSEnvironment

    /// Creates a provider reading `environment`.
    public init(environment: AWSEnvironment = .process) { self.environment = environment }

    /// The credentials in the environment.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let keyID = environment["AWS_ACCESS_KEY_ID"]
        let secret = environment["AWS_SECRET_ACCESS_KEY"]
        switch (keyID, secret) {
        case (nil, nil):
            throw CredentialError(.notConfigured, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        case (.some, nil):
            throw CredentialError(.incompleteConfiguration, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both, or unset AWS_ACCESS_KEY_ID")
        case (nil, .some):
            throw CredentialError(.incompleteConfiguration, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not; set both, or unset AWS_SECRET_ACCESS_KEY")
        case (.some(let keyID), .some(let secret)):
            let expiration = try CredentialError.expiration(environment["AWS_CREDENTIAL_EXPIRATION"], from: "AWS_CREDENTIAL_EXPIRATION")
            logger.debug("using credentials from the environment", metadata: ["aws.accessKeyId": "\(AWSCredentials.redactedKeyId(keyID))"])
            return AWSCredentials(accessKeyId: keyID, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"], expiration: expiration)
        }
    }
}
