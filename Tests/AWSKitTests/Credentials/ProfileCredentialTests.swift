import AWSKit
import Foundation
import TestSupport
import Testing

struct ProfileCredentialTests {
    func environment(_ folder: TemporaryDirectory, _ extra: [String: String] = [:]) -> AWSEnvironment {
        AWSEnvironment(["AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { _, new in new }, homeDirectory: folder.path)
    }

    /// Static keys of a named profile, with the credentials file winning over the config file,
    /// and `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` / `AWS_PROFILE` honoured.
    @Test func staticKeysAndFileLocations() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let config = try folder.write("elsewhere/config", """
            # a comment
            [default]
            region = eu-west-1
            [profile deploy]
            aws_access_key_id = AKIACONFIG
            aws_secret_access_key = config-secret
            s3 =
              max_concurrent_requests = 10
            region = us-west-2
            """)
        let credentials = try folder.write("elsewhere/credentials", "[deploy]\naws_access_key_id = AKIACREDS\naws_secret_access_key = creds-secret\naws_session_token = tok\n")
        let env = environment(folder, ["AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": credentials, "AWS_PROFILE": "deploy"])
        let value = try await ProfileCredentialProvider(environment: env).credentials()
        #expect(value.accessKeyId == "AKIACREDS")
        #expect(value.sessionToken?.value == "tok")
        #expect(try AWSRegion.resolve(environment: env) == "us-west-2")
        let parsed = try SharedConfig.load(environment: env)
        #expect(parsed.profile("deploy")?["max_concurrent_requests"] == nil)
    }

    /// A profile that was asked for by name and does not exist is an error naming it.
    @Test func missingNamedProfileIsAnError() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/config", "[default]\nregion = eu-west-1\n")
        let error = try await #require(throws: CredentialError.self) {
            try await ProfileCredentialProvider(profile: "nope", environment: environment(folder)).credentials()
        }
        #expect(error.code == .profileNotFound)
        #expect(error.message.contains("'nope'"))
    }

    /// A malformed line is reported with its file and line number but without its content.
    @Test func malformedConfigNamesTheLineNotTheValue() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/credentials", "[default]\naws_access_key_id = AKIA\nSECRETVALUEWITHOUTEQUALS\n")
        let error = try await #require(throws: CredentialError.self) {
            try await ProfileCredentialProvider(environment: environment(folder)).credentials()
        }
        #expect(error.code == .invalidConfiguration)
        #expect(error.message.contains("line 3"))
        #expect(!error.message.contains("SECRETVALUE"))
    }

    /// Inconsistent role profiles are errors that say what to change: both or neither source,
    /// an unknown credential_source, a source_profile cycle, SSO, one key without the other.
    @Test(arguments: [
        ("[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = a\ncredential_source = Environment\n", "both"),
        ("[profile r]\nrole_arn = arn:aws:iam::1:role/x\n", "neither"),
        ("[profile r]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = Laptop\n", "Environment, Ec2InstanceMetadata or EcsContainer"),
        ("[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/y\nsource_profile = r\n", "cycle"),
        ("[profile r]\nsso_start_url = https://x.awsapps.com/start\n", "credential_process"),
        ("[profile r]\naws_access_key_id = AKIAONLY\n", "set both"),
        ("[profile r]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = ghost\n", "'ghost'"),
    ])
    func inconsistentProfilesAreErrors(config: String, expected: String) async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/config", config)
        let error = try await #require(throws: CredentialError.self) {
            try await ProfileCredentialProvider(profile: "r", environment: environment(folder)).credentials()
        }
        #expect(error.code != .notConfigured)
        #expect(error.message.contains(expected), "\(error.message)")
    }

    /// `credential_process` runs the command and reads its JSON, expiry included.
    @Test func credentialProcess() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = try folder.write("creds.sh", """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "ASIAPROCESS", "SecretAccessKey": "process-secret", "SessionToken": "process-token", "Expiration": "2030-01-01T00:00:00Z"}'
            """, executable: true)
        try folder.write(".aws/config", "[profile p]\ncredential_process = \(script) --flag\n")
        let value = try await ProfileCredentialProvider(profile: "p", environment: environment(folder)).credentials()
        #expect(value.accessKeyId == "ASIAPROCESS")
        #expect(value.sessionToken?.value == "process-token")
        #expect(value.expiration == Date(timeIntervalSince1970: 1_893_456_000))
    }

    /// A failing credential process is an error with its exit code, not a fall-through.
    @Test func failingCredentialProcess() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/config", "[default]\ncredential_process = sh -c 'echo denied >&2; exit 3'\n")
        let error = try await #require(throws: CredentialError.self) {
            try await CachingCredentialProvider.default(environment: environment(folder)).credentials()
        }
        #expect(error.code == .providerFailed)
        #expect(error.message.contains("exit code 3"))
    }

    /// role_arn + source_profile assumes the role on STS (moto) with the source profile's keys;
    /// the session name and the assumed credentials come back.
    @Test func assumeRoleWithSourceProfile() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/config", """
            [profile base]
            aws_access_key_id = AKIABASE
            aws_secret_access_key = base-secret
            [profile deployer]
            role_arn = arn:aws:iam::123456789012:role/deployer
            source_profile = base
            role_session_name = pipeline-42
            region = eu-west-1
            """)
        let env = AWSEnvironment(["AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_STS": moto.endpoint], homeDirectory: folder.path)
        let value = try await ProfileCredentialProvider(profile: "deployer", environment: env).credentials()
        #expect(value.accessKeyId.hasPrefix("ASIA"))
        #expect(value.sessionToken != nil)
        #expect(value.expiration != nil)
        let sts = try STSClient(configuration: AWSConfiguration(region: "eu-west-1", credentials: StaticCredentialProvider(value), environment: env))
        #expect(try await sts.getCallerIdentity().arn.contains("deployer/pipeline-42"))
    }

    /// role_arn + credential_source = Environment signs AssumeRole with the environment's keys.
    @Test func assumeRoleWithCredentialSourceEnvironment() async throws {
        let moto = try await Moto()
        defer { moto.stop() }
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try folder.write(".aws/config", "[profile r]\nrole_arn = arn:aws:iam::123456789012:role/from-env\ncredential_source = Environment\n")
        let env = moto.environment(home: folder.path)
        let value = try await ProfileCredentialProvider(profile: "r", environment: env).credentials()
        #expect(value.accessKeyId.hasPrefix("ASIA"))
        #expect(value.accessKeyId != env["AWS_ACCESS_KEY_ID"])
    }
}
