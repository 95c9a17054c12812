import Foundation
import SDKCore

extension CredentialProvider where Self == StaticCredentialProvider {
    /// Fixed credentials.
    public static func `static`(_ credentials: AWSCredentials) -> StaticCredentialProvider {
        StaticCredentialProvider(credentials)
    }
}

extension CredentialProvider where Self == EnvironmentCredentialProvider {
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` of the process.
    public static var environment: EnvironmentCredentialProvider { EnvironmentCredentialProvider() }

    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` of `environment`.
    public static func environment(_ environment: AWSEnvironment) -> EnvironmentCredentialProvider {
        EnvironmentCredentialProvider(environment: environment)
    }
}

extension CredentialProvider where Self == CachingCredentialProvider {
    /// A role assumed with a web identity token file (`AWS_WEB_IDENTITY_TOKEN_FILE`,
    /// `AWS_ROLE_ARN`), cached and refreshed before expiry.
    public static func webIdentity(
        roleARN: String? = nil, tokenFile: String? = nil, sessionName: String? = nil, environment: AWSEnvironment = .process,
        transport: any HTTPTransport = AsyncHTTPClientTransport.shared
    ) -> CachingCredentialProvider {
        CachingCredentialProvider(
            WebIdentityCredentialProvider(roleARN: roleARN, tokenFile: tokenFile, sessionName: sessionName, environment: environment, transport: transport))
    }

    /// A profile of the shared config files, cached and refreshed before expiry.
    public static func profile(
        _ name: String? = nil, environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPClientTransport.shared
    ) -> CachingCredentialProvider {
        CachingCredentialProvider(ProfileCredentialProvider(profile: name, environment: environment, transport: transport))
    }

    /// The ECS / EKS Pod Identity container endpoint, cached and refreshed before expiry.
    public static func container(environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPClientTransport.shared)
        -> CachingCredentialProvider
    {
        CachingCredentialProvider(ContainerCredentialProvider(environment: environment, transport: transport))
    }

    /// The EC2 instance role (IMDSv2), cached and refreshed before expiry.
    public static func instanceMetadata(environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPClientTransport.shared)
        -> CachingCredentialProvider
    {
        CachingCredentialProvider(InstanceMetadataCredentialProvider(environment: environment, transport: transport))
    }

    /// A role assumed with the credentials of `source`, cached and refreshed before expiry.
    public static func assumeRole(
        _ roleARN: String, sessionName: String? = nil, externalID: String? = nil, source: any CredentialProvider, region: AWSRegion? = nil,
        environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPClientTransport.shared
    ) -> CachingCredentialProvider {
        CachingCredentialProvider(
            AssumeRoleCredentialProvider(
                roleARN: roleARN, sessionName: sessionName, externalID: externalID, source: source, region: region, environment: environment,
                transport: transport))
    }

    /// The standard chain, cached: environment keys (unless a profile is named explicitly, as
    /// the AWS CLI does), web identity, the shared config profile, the container endpoint, and
    /// the EC2 instance metadata service.
    public static func `default`(
        profile: String? = nil, environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPClientTransport.shared
    ) -> CachingCredentialProvider {
        var providers: [any CredentialProvider] = []
        if profile == nil { providers.append(EnvironmentCredentialProvider(environment: environment)) }
        providers += [
            WebIdentityCredentialProvider(environment: environment, transport: transport),
            ProfileCredentialProvider(profile: profile, environment: environment, transport: transport),
            ContainerCredentialProvider(environment: environment, transport: transport),
            InstanceMetadataCredentialProvider(environment: environment, transport: transport),
        ]
        return CachingCredentialProvider(ChainCredentialProvider(providers))
    }
}

extension CredentialProvider where Self == ChainCredentialProvider {
    /// The first of `providers` that is configured.
    public static func chain(_ providers: [any CredentialProvider]) -> ChainCredentialProvider {
        ChainCredentialProvider(providers)
    }
}
