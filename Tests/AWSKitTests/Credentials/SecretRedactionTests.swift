import AWSKit
import Foundation
import Logging
import SDKCore
import TestSupport
import Testing

/// No secret appears in a description, a log line (at `.trace`) or an error message, for every
/// kind of credential AWSKit handles.
struct SecretRedactionTests {
    /// Fails when any of `secrets` appears in the captured logs or in any of `texts`.
    static func expectNoSecrets(_ secrets: [String], logs: LogCapture, _ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!logs.entries.isEmpty, "nothing was logged, so the test proves nothing", sourceLocation: sourceLocation)
        let haystack = ([logs.allText] + texts).joined(separator: "\n")
        for secret in secrets {
            #expect(!haystack.contains(secret), "a secret leaked: \(secret.prefix(6))…", sourceLocation: sourceLocation)
        }
    }

    /// Every textual form of a value: description, debug description, dump and interpolation.
    static func forms(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), dumped, "\(value)"]
    }

    /// Environment keys and session token: logs, credential descriptions, signer details.
    @Test func environmentKeysAndSessionToken() async throws {
        let logs = LogCapture()
        let env = AWSEnvironment(["AWS_ACCESS_KEY_ID": "AKIAREDACT", "AWS_SECRET_ACCESS_KEY": "env-secret-XYZ123", "AWS_SESSION_TOKEN": "env-token-XYZ123"])
        let credentials = try await CachingCredentialProvider(EnvironmentCredentialProvider(environment: env)).credentials(logger: logs.logger())
        let signer = SigV4Signer(credentials: credentials, region: "eu-west-1", service: "sts")
        let details = try signer.signingDetails(for: HTTPRequest(method: "GET", url: URL(string: "https://sts.eu-west-1.amazonaws.com/")!))
        #expect(details.canonicalRequest.contains("env-token-XYZ123"))  // it is signed …
        Self.expectNoSecrets(["env-secret-XYZ123", "env-token-XYZ123"], logs: logs, Self.forms(credentials) + Self.forms(details) + Self.forms(signer))
    }

    /// Half-configured environment: the error does not repeat the secret it found.
    @Test func halfConfiguredError() async throws {
        let logs = LogCapture()
        let env = AWSEnvironment(["AWS_SECRET_ACCESS_KEY": "lonely-secret-XYZ123", "AWS_EC2_METADATA_DISABLED": "true"], homeDirectory: "/nonexistent")
        let error = try await #require(throws: CredentialError.self) { try await CachingCredentialProvider.default(environment: env).credentials(logger: logs.logger()) }
        Self.expectNoSecrets(["lonely-secret-XYZ123"], logs: logs, Self.forms(error))
    }

    /// Profile static keys and credential_process output.
    @Test func profileAndProcessCredentials() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = try folder.write("creds.sh", #"echo '{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "process-secret-XYZ123", "SessionToken": "process-token-XYZ123"}'"#, executable: true)
        try folder.write(".aws/config", "[profile keys]\naws_access_key_id = AKIAKEYS\naws_secret_access_key = profile-secret-XYZ123\n[profile proc]\ncredential_process = sh \(script)\n")
        let env = AWSEnvironment(["AWS_EC2_METADATA_DISABLED": "true"], homeDirectory: folder.path)
        let logs = LogCapture()
        let keys = try await CachingCredentialProvider.default(profile: "keys", environment: env).credentials(logger: logs.logger())
        let process = try await CachingCredentialProvider.default(profile: "proc", environment: env).credentials(logger: logs.logger())
        #expect(process.secretAccessKey.value == "process-secret-XYZ123")
        Self.expectNoSecrets(["profile-secret-XYZ123", "process-secret-XYZ123", "process-token-XYZ123"], logs: logs, Self.forms(keys) + Self.forms(process))
    }

    /// Web identity token, assumed-role credentials (moto's STS), and the STS request logs.
    @Test func webIdentityAndAssumedRole() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let tokenFile = try folder.write("token", "oidc-token-XYZ123")
        let env = moto.environment(["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/r", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""])
        let logs = LogCapture()
        let credentials = try await CachingCredentialProvider.default(environment: env).credentials(logger: logs.logger())
        let sts = try STSClient(configuration: AWSConfiguration(credentials: StaticCredentialProvider(credentials), environment: env))
        let role = try await sts.assumeRole(roleARN: "arn:aws:iam::123456789012:role/second", sessionName: "redaction", logger: logs.logger())
        let secrets = ["oidc-token-XYZ123", credentials.secretAccessKey.value, credentials.sessionToken?.value ?? "", role.credentials.secretAccessKey.value, role.credentials.sessionToken?.value ?? ""]
        Self.expectNoSecrets(secrets, logs: logs, Self.forms(credentials) + Self.forms(role))
    }

    /// Container authorization token and credentials, and the instance metadata session token
    /// and credentials.
    @Test func containerAndInstanceMetadata() async throws {
        let container = try await TestHTTPServer { _ in
            .json(#"{"AccessKeyId": "ASIAC", "SecretAccessKey": "container-secret-XYZ123", "Token": "container-token-XYZ123", "Expiration": "2030-01-01T00:00:00Z"}"#)
        }
        defer { Task { await container.shutdown() } }
        let imds = try await ContainerAndInstanceMetadataTests.metadataServer()
        defer { Task { await imds.shutdown() } }
        let logs = LogCapture()
        let fromContainer = try await CachingCredentialProvider.container(environment: AWSEnvironment([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": container.baseURL.absoluteString + "/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "pod-identity-XYZ123",
        ])).credentials(logger: logs.logger())
        let fromInstance = try await CachingCredentialProvider.instanceMetadata(environment: AWSEnvironment([
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.baseURL.absoluteString,
        ])).credentials(logger: logs.logger())
        let secrets = ["container-secret-XYZ123", "container-token-XYZ123", "pod-identity-XYZ123", "imds-session-token", "imds-secret", "imds-token"]
        Self.expectNoSecrets(secrets, logs: logs, Self.forms(fromContainer) + Self.forms(fromInstance))
    }

    /// The ECR registry password and the EKS bearer token, through their client calls.
    @Test func registryPasswordAndEKSToken() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let logs = LogCapture()
        let ecr = try ECRClient(configuration: moto.configuration())
        let authorization = try #require(try await ecr.getAuthorizationToken(logger: logs.logger()).first)
        let token = try await EKSToken.make(clusterName: "prod", configuration: moto.configuration(), roleARN: "arn:aws:iam::123456789012:role/r", logger: logs.logger())
        Self.expectNoSecrets(
            [authorization.password.value, token.token.value, String(token.token.value.dropFirst(11).prefix(40)), "moto-secret-key-0000000000000000000000"],
            logs: logs, Self.forms(authorization) + Self.forms(token))
    }
}
