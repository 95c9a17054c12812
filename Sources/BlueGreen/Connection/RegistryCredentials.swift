import AWSKit
import Foundation
import Logging
import SDKCore

/// Where the image registry's credentials come from.
public enum RegistryAuth: String, Sendable, CaseIterable {
    /// ECR's GetAuthorizationToken for ECR registries, Docker's config file for the others.
    case auto
    /// Always ECR's GetAuthorizationToken (for a registry that fronts ECR, or accepts its token).
    case ecr
    /// Docker's client configuration (`docker login`).
    case docker
    /// Anonymous.
    case none
}

/// Finds registry credentials as ``RegistryAuth`` says, fetching an ECR token at most once per
/// run.
public actor RegistryCredentials {
    private let mode: RegistryAuth
    private let aws: AWSConfiguration
    private let docker: DockerConfigCredentials
    private let logger: Logger
    private var ecr: RegistryClient.Credentials?

    public init(mode: RegistryAuth, aws: AWSConfiguration, docker: DockerConfigCredentials = DockerConfigCredentials(), logger: Logger) {
        self.mode = mode
        self.aws = aws
        self.docker = docker
        self.logger = logger
    }

    /// Credentials for `image`'s registry, or `nil` for anonymous access.
    public func credentials(for image: ImageReference) async throws -> RegistryClient.Credentials? {
        switch mode {
        case .none: return nil
        case .docker: return docker.credentials(for: image.registry)
        case .ecr: return try await ecrCredentials(region: image.ecrRegistry?.region, registryID: image.ecrRegistry?.accountID)
        case .auto:
            if let ecrRegistry = image.ecrRegistry {
                return try await ecrCredentials(region: ecrRegistry.region, registryID: ecrRegistry.accountID)
            }
            return docker.credentials(for: image.registry)
        }
    }

    private func ecrCredentials(region: String?, registryID: String?) async throws -> RegistryClient.Credentials {
        if let ecr { return ecr }
        var configuration = aws
        if let region { configuration.region = AWSRegion(rawValue: region) }
        let client = try ECRClient(configuration: configuration)
        guard let authorization = try await client.getAuthorizationToken(registryIDs: registryID.map { [$0] }, logger: logger).first else {
            throw RegistryError(.unauthorized, "ECR GetAuthorizationToken returned no token; check the pipeline's ecr:GetAuthorizationToken permission")
        }
        let credentials = RegistryClient.Credentials(username: authorization.username, password: authorization.password)
        ecr = credentials
        return credentials
    }
}
