import AWSKit
import Foundation
import Testing

struct EnvironmentAndChainTests {
    /// Keys and a session token come from the environment variables.
    @Test func environmentCredentials() async throws {
        let environment = AWSEnvironment(["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token"])
        let credentials = try await EnvironmentCredentialProvider(environment: environment).credentials()
        #expect(credentials.accessKeyId == "AKIAENV")
        #expect(credentials.secretAccessKey.value == "env-secret")
        #expect(credentials.sessionToken?.value == "env-token")
    }

    /// A key id without its secret (or the reverse) is an error that names the missing
    /// variable, not a silent skip.
    @Test(arguments: [["AWS_ACCESS_KEY_ID": "AKIAENV"], ["AWS_SECRET_ACCESS_KEY": "env-secret"]])
    func halfConfiguredEnvironmentIsAnError(variables: [String: String]) async throws {
        let error = try await #require(throws: CredentialError.self) {
            try await EnvironmentCredentialProvider(environment: AWSEnvironment(variables)).credentials()
        }
        #expect(error.code == .incompleteConfiguration)
        #expect(error.message.contains("AWS_SECRET_ACCESS_KEY") && error.message.contains("AWS_ACCESS_KEY_ID"))
        #expect(!error.message.contains("env-secret"))
    }

    /// The default chain takes environment keys before a profile that also has keys.
    @Test func environmentComesBeforeProfiles() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/credentials", "[default]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\n")
        let variables = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_EC2_METADATA_DISABLED": "true"]
        let withEnvironment = try await CachingCredentialProvider.default(environment: AWSEnvironment(variables, homeDirectory: folder.path)).credentials()
        #expect(withEnvironment.accessKeyId == "AKIAENV")
        let withoutEnvironment = try await CachingCredentialProvider.default(
            environment: AWSEnvironment(["AWS_EC2_METADATA_DISABLED": "true"], homeDirectory: folder.path)
        ).credentials()
        #expect(withoutEnvironment.accessKeyId == "AKIAPROFILE")
    }

    /// A profile named explicitly wins over environment keys, as with the AWS CLI's --profile.
    @Test func explicitProfileSkipsEnvironmentKeys() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/credentials", "[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = ci-secret\n")
        let variables = ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_EC2_METADATA_DISABLED": "true"]
        let credentials = try await CachingCredentialProvider.default(profile: "ci", environment: AWSEnvironment(variables, homeDirectory: folder.path))
            .credentials()
        #expect(credentials.accessKeyId == "AKIACI")
    }

    /// A half-configured source stops the chain with its own error instead of falling through
    /// to the valid profile behind it.
    @Test func halfConfiguredSourceStopsTheChain() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/credentials", "[default]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = profile-secret\n")
        let variables = ["AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci", "AWS_EC2_METADATA_DISABLED": "true"]
        let error = try await #require(throws: CredentialError.self) {
            try await CachingCredentialProvider.default(environment: AWSEnvironment(variables, homeDirectory: folder.path)).credentials()
        }
        #expect(error.code == .incompleteConfiguration)
        #expect(error.message.contains("AWS_WEB_IDENTITY_TOKEN_FILE"))
    }

    /// With nothing configured the chain reports every source it tried and how to configure one.
    @Test func emptyChainSaysWhatItTried() async throws {
        let environment = AWSEnvironment(["AWS_EC2_METADATA_DISABLED": "true"], homeDirectory: "/nonexistent")
        let error = try await #require(throws: CredentialError.self) {
            try await CachingCredentialProvider.default(environment: environment).credentials()
        }
        #expect(error.code == .noCredentials)
        for part in ["AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE", "profile", "AWS_CONTAINER_CREDENTIALS", "AWS_EC2_METADATA_DISABLED"] {
            #expect(error.message.contains(part), "missing \(part) in: \(error.message)")
        }
    }

    /// `.chain` uses the first configured provider in the order given.
    @Test func chainOrder() async throws {
        let first = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIAFIRST", secretAccessKey: "a"))
        let second = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIASECOND", secretAccessKey: "b"))
        let unset = EnvironmentCredentialProvider(environment: AWSEnvironment([:]))
        #expect(try await ChainCredentialProvider.chain([unset, first, second]).credentials().accessKeyId == "AKIAFIRST")
        #expect(try await ChainCredentialProvider.chain([unset, second, first]).credentials().accessKeyId == "AKIASECOND")
    }
}
