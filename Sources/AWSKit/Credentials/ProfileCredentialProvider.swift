import Foundation
import Logging
import SDKCore

/// Credentials from a profile of the shared config and credentials files.
///
/// In a profile, in this order: `role_arn` with `web_identity_token_file`; `role_arn` with
/// `source_profile` (followed through further profiles, with cycle detection) or with
/// `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`), assumed with
/// `role_session_name`, `external_id` and `duration_seconds`; static keys
/// (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`); `credential_process`.
///
/// A profile that was asked for by name (here, or by `AWS_PROFILE`) and does not exist is an
/// error; a missing `default` profile only means "not configured".
public struct ProfileCredentialProvider: CredentialProvider {
    /// The profile; `nil` uses `AWS_PROFILE`, else `default`.
    public let profile: String?
    let environment: AWSEnvironment
    let transport: any HTTPTransport

    /// Creates a provider.
    public init(profile: String? = nil, environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPClientTransport.shared) {
        self.profile = profile
        self.environment = environment
        self.transport = transport
    }

    /// Resolves the profile and fetches its credentials.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let provider = try resolvedProvider()
        return try await provider.credentials(logger: logger)
    }

    /// The provider the profile describes (without fetching anything).
    func resolvedProvider() throws -> any CredentialProvider {
        let explicit = profile ?? environment.selectedProfile
        let name = explicit ?? "default"
        let config = try SharedConfig.load(environment: environment)
        guard config.profile(name) != nil else {
            let files = [environment.configFilePath, environment.credentialsFilePath].compactMap { $0 }.joined(separator: " or ")
            if explicit != nil {
                throw CredentialError(.profileNotFound, "the profile '\(name)' is not in \(files); check the name given with --profile or AWS_PROFILE, or create it (aws configure --profile \(name))")
            }
            throw CredentialError(.notConfigured, "no default profile in \(files)")
        }
        return try resolve(name, config: config, path: [], explicit: explicit != nil)
    }

    private func resolve(_ name: String, config: SharedConfig, path: [String], explicit: Bool) throws -> any CredentialProvider {
        if path.contains(name) {
            throw CredentialError(.invalidConfiguration, "source_profile cycle: \((path + [name]).joined(separator: " → ")); point one of these profiles at keys or a credential_source")
        }
        guard let settings = config.profile(name) else {
            throw CredentialError(.profileNotFound, "the profile '\(name)', the source_profile of '\(path.last ?? "")', does not exist; create it or fix source_profile")
        }
        let chain = path + [name]
        if let role = settings["role_arn"] {
            let sessionName = settings["role_session_name"]
            if let tokenFile = settings["web_identity_token_file"] {
                return WebIdentityCredentialProvider(roleARN: role, tokenFile: tokenFile, sessionName: sessionName, environment: environment, transport: transport)
            }
            let source: any CredentialProvider
            switch (settings["source_profile"], settings["credential_source"]) {
            case (.some, .some):
                throw CredentialError(.invalidConfiguration, "profile '\(name)' sets both source_profile and credential_source; keep one of them")
            case (nil, nil):
                throw CredentialError(.invalidConfiguration, "profile '\(name)' has role_arn but neither source_profile nor credential_source; add one to say which credentials assume the role")
            case (.some(let sourceProfile), nil):
                if sourceProfile == name {
                    source = try staticCredentials(name, settings)
                        ?? { throw CredentialError(.invalidConfiguration, "profile '\(name)' is its own source_profile but holds no keys; add aws_access_key_id and aws_secret_access_key") }()
                } else {
                    source = try resolve(sourceProfile, config: config, path: chain, explicit: true)
                }
            case (nil, .some(let credentialSource)):
                switch credentialSource {
                case "Environment": source = EnvironmentCredentialProvider(environment: environment)
                case "Ec2InstanceMetadata": source = InstanceMetadataCredentialProvider(environment: environment, transport: transport)
                case "EcsContainer": source = ContainerCredentialProvider(environment: environment, transport: transport)
                default:
                    throw CredentialError(.invalidConfiguration, "profile '\(name)' has credential_source '\(credentialSource)'; use Environment, Ec2InstanceMetadata or EcsContainer")
                }
            }
            var duration: Int?
            if let text = settings["duration_seconds"] {
                guard let value = Int(text), value > 0 else {
                    throw CredentialError(.invalidConfiguration, "profile '\(name)' has duration_seconds '\(text)'; use a number of seconds such as 3600")
                }
                duration = value
            }
            let region = settings["region"].flatMap { try? AWSRegion.validated($0) }
            return AssumeRoleCredentialProvider(
                roleARN: role, sessionName: sessionName, externalID: settings["external_id"], duration: duration, source: source, region: region,
                environment: environment, transport: transport)
        }
        if settings["sso_start_url"] != nil || settings["sso_session"] != nil {
            throw CredentialError(.invalidConfiguration, "profile '\(name)' uses IAM Identity Center (SSO), which AWSKit does not read; add credential_process = aws configure export-credentials --profile \(name) --format process to another profile and use that one")
        }
        if let provider = try staticCredentials(name, settings) { return provider }
        if let command = settings["credential_process"] { return ProcessCredentialProvider(command: command) }
        if chain.count == 1 && !explicit {
            throw CredentialError(.notConfigured, "the default profile holds no credentials")
        }
        throw CredentialError(.invalidConfiguration, "profile '\(name)' holds no credentials; add aws_access_key_id and aws_secret_access_key, role_arn, or credential_process")
    }

    private func staticCredentials(_ name: String, _ settings: [String: String]) throws -> (any CredentialProvider)? {
        switch (settings["aws_access_key_id"], settings["aws_secret_access_key"]) {
        case (nil, nil): return nil
        case (.some(let keyID), .some(let secret)):
            return StaticCredentialProvider(AWSCredentials(accessKeyId: keyID, secretAccessKey: secret, sessionToken: settings["aws_session_token"]))
        default:
            throw CredentialError(.incompleteConfiguration, "profile '\(name)' has only one of aws_access_key_id and aws_secret_access_key; set both")
        }
    }
}
