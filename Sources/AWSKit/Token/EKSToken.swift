import Foundation
import Logging
import SDKCore

/// A bearer token for the Kubernetes API of an EKS cluster: what `aws eks get-token` prints.
///
/// The token is `k8s-aws-v1.` followed by the unpadded base64url of a presigned STS
/// `GetCallerIdentity` URL whose signature covers the header `x-k8s-aws-id: <cluster>`, valid for
/// 60 seconds of signing skew; the cluster accepts it for 15 minutes from its signing time, so
/// ``expiration`` is 14 minutes after it, and a client should make a new one then (or on a 401).
///
/// ```swift
/// let token = try EKSToken.make(clusterName: "prod", credentials: credentials, region: "eu-west-1")
/// request.headers.add(name: "Authorization", value: "Bearer \(token.token.value)")
/// ```
public struct EKSToken: Sendable, Hashable, CustomStringConvertible {
    /// The token's prefix.
    public static let prefix = "k8s-aws-v1."
    /// How long a token is used before a new one is made (the server allows 15 minutes).
    public static let lifetime: Duration = .seconds(14 * 60)
    /// The header that binds the token to one cluster.
    public static let clusterIDHeader = "x-k8s-aws-id"

    /// The bearer token (a secret: it is a presigned URL carrying the session token).
    public var token: Secret
    /// The cluster it is for.
    public var clusterName: String
    /// When to stop using it: 14 minutes after signing.
    public var expiration: Date

    /// Creates a token value.
    public init(token: Secret, clusterName: String, expiration: Date) {
        self.token = token
        self.clusterName = clusterName
        self.expiration = expiration
    }

    /// Makes a token from credentials, offline (signing needs no network).
    /// - Parameters:
    ///   - stsEndpoint: the STS endpoint; by default `https://sts.{region}.amazonaws.com`.
    ///   - date: the signing time.
    /// - Throws: ``AWSClientError`` for an empty cluster name, ``SigV4Error`` for a bad endpoint.
    public static func make(clusterName: String, credentials: AWSCredentials, region: AWSRegion, stsEndpoint: URL? = nil, date: Date = Date()) throws
        -> EKSToken
    {
        guard !clusterName.isEmpty else {
            throw AWSClientError(.invalidParameter, "the cluster name is empty; pass the EKS cluster's name")
        }
        var base = stsEndpoint?.absoluteString ?? "https://sts.\(region.rawValue).\(region.dnsSuffix)"
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + "/?Action=GetCallerIdentity&Version=2011-06-15") else {
            throw AWSClientError(.invalidEndpoint, "the STS endpoint '\(base)' is not a URL")
        }
        let signer = SigV4Signer(credentials: credentials, region: region.rawValue, service: "sts")
        let request = HTTPRequest(method: "GET", url: url, headers: [clusterIDHeader: clusterName])
        let presigned = try signer.presignedURLString(for: request, expires: 60, date: date)
        let encoded = Data(presigned.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return EKSToken(token: Secret(prefix + encoded), clusterName: clusterName, expiration: date.addingTimeInterval(14 * 60))
    }

    /// Makes a token with the credentials, region and endpoints of `configuration`; with
    /// `roleARN`, first assumes that role (session name `EKSGetTokenAuth`, as the AWS CLI does).
    public static func make(
        clusterName: String, configuration: AWSConfiguration = AWSConfiguration(), roleARN: String? = nil, date: Date = Date(),
        logger: Logger = .awsKitNoop
    ) async throws -> EKSToken {
        let region = try configuration.resolvedRegion()
        let endpoint = try AWSService.sts.endpoint(region: region, profile: configuration.profile, environment: configuration.environment)
        var credentials = try await configuration.resolvedCredentials().credentials(logger: logger)
        if let roleARN {
            var stsConfiguration = configuration
            stsConfiguration.region = region
            stsConfiguration.credentials = StaticCredentialProvider(credentials)
            let sts = try STSClient(configuration: stsConfiguration, endpoint: endpoint)
            credentials = try await sts.assumeRole(roleARN: roleARN, sessionName: "EKSGetTokenAuth", logger: logger).credentials
        }
        logger.debug("made an EKS token", metadata: ["eks.cluster": "\(clusterName)", "aws.region": "\(region)"])
        return try make(clusterName: clusterName, credentials: credentials, region: region, stsEndpoint: endpoint, date: date)
    }

    /// The cluster and expiry; never the token.
    public var description: String {
        "EKSToken(clusterName: \(clusterName), token: <redacted>, expiration: \(ISO8601.format(expiration)))"
    }
}
