import Foundation
import Logging
import SDKCore

/// Credentials for a role in exchange for an OpenID Connect token in a file: what EKS (IRSA)
/// and CI systems set up with `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and
/// `AWS_ROLE_SESSION_NAME`.
///
/// The token file is read again at each refresh (the platform rotates it). Only one of file and
/// role set is an error, not a skip.
public struct WebIdentityCredentialProvider: CredentialProvider {
    /// The role to assume; `nil` reads `AWS_ROLE_ARN`.
    public let roleARN: String?
    /// The token file; `nil` reads `AWS_WEB_IDENTITY_TOKEN_FILE`.
    public let tokenFile: String?
    /// The session name; `nil` reads `AWS_ROLE_SESSION_NAME`, else a generated one.
    public let sessionName: String?
    let environment: AWSEnvironment
    let transport: any HTTPTransport

    /// Creates a provider; explicit values win over the environment's.
    public init(
        roleARN: String? = nil, tokenFile: String? = nil, sessionName: String? = nil, environment: AWSEnvironment = .process,
        transport: any HTTPTransport = AsyncHTTPClientTransport.shared
    ) {
        self.roleARN = roleARN
        self.tokenFile = tokenFile
        self.sessionName = sessionName
        self.environment = environment
        self.transport = transport
    }

    /// Assumes the role with the token.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let file = tokenFile ?? environment["AWS_WEB_IDENTITY_TOKEN_FILE"]
        let role = roleARN ?? environment["AWS_ROLE_ARN"]
        switch (file, role) {
        case (nil, nil):
            throw CredentialError(.notConfigured, "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set")
        case (.some, nil):
            throw CredentialError(.incompleteConfiguration, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not; set the role to assume, or unset the token file")
        case (nil, .some):
            throw CredentialError(.incompleteConfiguration, "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not; set the token file, or unset AWS_ROLE_ARN")
        case (.some(let file), .some(let role)):
            let token: String
            do {
                token = try String(contentsOfFile: environment.expand(file) ?? file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw CredentialError(.providerFailed, "cannot read the web identity token file \(file); check AWS_WEB_IDENTITY_TOKEN_FILE and the file's permissions")
            }
            guard !token.isEmpty else {
                throw CredentialError(.providerFailed, "the web identity token file \(file) is empty; check that the platform mounts the token")
            }
            let session = sessionName ?? environment["AWS_ROLE_SESSION_NAME"] ?? "swift-bluegreen-\(Int(Date().timeIntervalSince1970))"
            logger.debug("assuming a role with a web identity token", metadata: ["aws.roleArn": "\(role)"])
            return try await CredentialError.wrappingSTS("assuming \(role) with the web identity token") {
                let sts = try STSClient(configuration: Self.stsConfiguration(environment: environment, transport: transport))
                return try await sts.assumeRoleWithWebIdentity(roleARN: role, sessionName: session, webIdentityToken: Secret(token), logger: logger).credentials
            }
        }
    }

    /// STS for credential calls: the configured region, else us-east-1; no credentials of its own
    /// beyond what the caller passes.
    static func stsConfiguration(environment: AWSEnvironment, transport: any HTTPTransport, source: (any CredentialProvider)? = nil) -> AWSConfiguration {
        let region = (try? AWSRegion.resolve(nil, environment: environment)) ?? "us-east-1"
        return AWSConfiguration(
            region: region, credentials: source ?? StaticCredentialProvider(AWSCredentials(accessKeyId: "", secretAccessKey: "")),
            environment: environment, transport: transport)
    }
}
