import Foundation

extension CredentialError {
    /// Runs the STS call of a credential source; its service and client errors become
    /// `.providerFailed` errors that say what was attempted (credential errors of a source's own
    /// source pass through).
    static func wrappingSTS(_ attempt: String, _ body: () async throws -> AWSCredentials) async throws -> AWSCredentials {
        do {
            return try await body()
        } catch let error as AWSError {
            throw CredentialError(.providerFailed, "\(attempt) failed: \(error)")
        } catch let error as AWSClientError {
            throw CredentialError(.providerFailed, "\(attempt) failed: \(error)")
        }
    }

    /// Reads the expiry a credential source gave, or says which source gave an unreadable one.
    static func expiration(_ text: String?, from source: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = ISO8601.parse(text) else {
            throw CredentialError(.providerFailed, "\(source) gave an unreadable expiration '\(text)'; it must be an ISO 8601 time such as 2026-01-01T12:00:00Z")
        }
        return date
    }
}
