import AWSKit
import Foundation
import TestSupport
import Testing

struct WebIdentityTests {
    /// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` assume the role on STS (moto), unsigned,
    /// reading the token file; the chain picks it before profiles.
    @Test func assumesTheRoleWithTheTokenFile() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tokenFile = try folder.write("token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl\n")
        let env = AWSEnvironment([
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/irsa", "AWS_ROLE_SESSION_NAME": "pod-1",
            "AWS_ENDPOINT_URL": moto.endpoint, "AWS_REGION": "eu-west-1", "AWS_EC2_METADATA_DISABLED": "true",
        ], homeDirectory: folder.path)
        let value = try await CachingCredentialProvider.default(environment: env).credentials()
        #expect(value.accessKeyId.hasPrefix("ASIA"))
        #expect(value.expiration != nil)
        let identity = try await STSClient(configuration: AWSConfiguration(credentials: StaticCredentialProvider(value), environment: env)).getCallerIdentity()
        #expect(identity.arn.hasSuffix("irsa/pod-1"))
    }

    /// A token file that cannot be read is an error naming the file.
    @Test func unreadableTokenFile() async throws {
        let env = AWSEnvironment([
            "AWS_WEB_IDENTITY_TOKEN_FILE": "/nonexistent/token", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/irsa",
        ])
        let error = try await #require(throws: CredentialError.self) { try await WebIdentityCredentialProvider(environment: env).credentials() }
        #expect(error.code == .providerFailed)
        #expect(error.message.contains("/nonexistent/token"))
    }
}
