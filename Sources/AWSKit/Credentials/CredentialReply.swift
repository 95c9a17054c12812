import Foundation

/// The JSON credential document of the container endpoint and the instance metadata service:
/// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`.
enum CredentialReply {
    private struct Body: Decodable {
        var AccessKeyId: String?
        var SecretAccessKey: String?
        var Token: String?
        var Expiration: String?
        var Code: String?
        var Message: String?
    }

    static func decode(_ data: Data, source: String) throws -> AWSCredentials {
        guard let body = try? JSONDecoder().decode(Body.self, from: data) else {
            throw CredentialError(.providerFailed, "\(source) did not return the credential JSON; check that the URL points at a credential endpoint")
        }
        if let code = body.Code, code != "Success" {
            throw CredentialError(.providerFailed, "\(source) answered \(code)\(body.Message.map { ": \($0)" } ?? "")")
        }
        guard let keyID = body.AccessKeyId, let secret = body.SecretAccessKey else {
            throw CredentialError(.providerFailed, "\(source) returned credentials without AccessKeyId or SecretAccessKey")
        }
        let expiration = try CredentialError.expiration(body.Expiration, from: source)
        return AWSCredentials(accessKeyId: keyID, secretAccessKey: secret, sessionToken: body.Token, expiration: expiration)
    }
}
