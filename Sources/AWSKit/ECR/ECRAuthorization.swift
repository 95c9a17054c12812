import Foundation
import SDKCore

/// Credentials for an ECR registry, from GetAuthorizationToken: log in to ``proxyEndpoint``
/// as ``username`` (always `AWS`) with ``password`` until ``expiresAt``.
public struct ECRAuthorization: Sendable, Hashable, CustomStringConvertible {
    /// The user name, `AWS`.
    public var username: String
    /// The registry password (a secret).
    public var password: Secret
    /// The registry address, such as `https://123456789012.dkr.ecr.eu-west-1.amazonaws.com`.
    public var proxyEndpoint: String
    /// When the password stops working.
    public var expiresAt: Date

    /// Creates registry credentials.
    public init(username: String, password: Secret, proxyEndpoint: String, expiresAt: Date) {
        self.username = username
        self.password = password
        self.proxyEndpoint = proxyEndpoint
        self.expiresAt = expiresAt
    }

    /// The registry host without scheme, as image references name it.
    public var registryHost: String {
        var host = proxyEndpoint
        for prefix in ["https://", "http://"] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
        while host.hasSuffix("/") { host.removeLast() }
        return host
    }

    /// The user, registry and expiry; never the password.
    public var description: String {
        "ECRAuthorization(username: \(username), password: <redacted>, proxyEndpoint: \(proxyEndpoint), expiresAt: \(ISO8601.format(expiresAt)))"
    }
}
