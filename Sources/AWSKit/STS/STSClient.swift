import Foundation
import Logging
import SDKCore

/// AWS Security Token Service: who am I, and temporary credentials for a role.
///
/// Uses the query protocol (a form-encoded POST) with XML replies.
public struct STSClient: Sendable {
    let client: AWSServiceClient

    /// The API version in every request.
    static let apiVersion = "2011-06-15"

    /// Creates a client.
    /// - Parameter endpoint: overrides the endpoint (else `AWS_ENDPOINT_URL_STS`,
    ///   `AWS_ENDPOINT_URL`, then `https://sts.{region}.amazonaws.com`).
    /// - Throws: ``AWSClientError`` when no region is configured or an endpoint is invalid.
    public init(configuration: AWSConfiguration = AWSConfiguration(), endpoint: URL? = nil) throws {
        client = try AWSServiceClient(service: .sts, configuration: configuration, endpoint: endpoint, errorProtocol: .queryXML)
    }

    /// The region the client calls.
    public var region: AWSRegion { client.region }
    /// The endpoint the client calls.
    public var endpoint: URL { client.endpoint }

    /// The account, ARN and user id of the credentials in use.
    public func getCallerIdentity(logger: Logger = .awsKitNoop) async throws -> STSCallerIdentity {
        let reply = try await call("GetCallerIdentity", [], logger: logger)
        return STSCallerIdentity(
            account: try reply.required(["GetCallerIdentityResult", "Account"]),
            arn: try reply.required(["GetCallerIdentityResult", "Arn"]),
            userID: try reply.required(["GetCallerIdentityResult", "UserId"])
        )
    }

    /// Temporary credentials for `roleARN`, signed with this client's credentials.
    /// - Parameters:
    ///   - sessionName: 2–64 characters of `[\w+=,.@-]`; it appears in CloudTrail.
    ///   - externalID: the external id the role's trust policy demands, if any.
    ///   - duration: the session's lifetime in seconds (900 … the role's maximum); `nil` for the default hour.
    public func assumeRole(
        roleARN: String, sessionName: String, externalID: String? = nil, duration: Int? = nil, logger: Logger = .awsKitNoop
    ) async throws -> STSAssumedRole {
        try Self.validate(roleARN: roleARN, sessionName: sessionName)
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName)]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        if let duration { parameters.append(("DurationSeconds", String(duration))) }
        let reply = try await call("AssumeRole", parameters, logger: logger)
        return try Self.assumedRole(reply, result: "AssumeRoleResult")
    }

    /// Temporary credentials for `roleARN` in exchange for an OpenID Connect token (an EKS
    /// service-account token, a CI provider's token). The request is not signed.
    public func assumeRoleWithWebIdentity(
        roleARN: String, sessionName: String, webIdentityToken: Secret, duration: Int? = nil, logger: Logger = .awsKitNoop
    ) async throws -> STSAssumedRole {
        try Self.validate(roleARN: roleARN, sessionName: sessionName)
        var parameters = [("RoleArn", roleARN), ("RoleSessionName", sessionName), ("WebIdentityToken", webIdentityToken.value)]
        if let duration { parameters.append(("DurationSeconds", String(duration))) }
        let reply = try await call("AssumeRoleWithWebIdentity", parameters, signed: false, logger: logger)
        return try Self.assumedRole(reply, result: "AssumeRoleWithWebIdentityResult")
    }

    private func call(_ action: String, _ parameters: [(String, String)], signed: Bool = true, logger: Logger) async throws -> XMLReply {
        let form = ([("Action", action), ("Version", Self.apiVersion)] + parameters)
            .map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }
            .joined(separator: "&")
        let request = HTTPRequest(
            method: "POST",
            url: try client.url(path: "/"),
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
            body: Data(form.utf8)
        )
        // STS calls change nothing that a repeat would break, so all are retried.
        let response = try await client.send(request, operation: action, idempotent: true, signed: signed, logger: logger)
        do {
            return try XMLReply(response.body)
        } catch {
            throw AWSClientError(.invalidResponse, "STS \(action) replied with something that is not XML (HTTP \(response.status)); check the STS endpoint \(client.endpoint.absoluteString)")
        }
    }

    static func assumedRole(_ reply: XMLReply, result: String) throws -> STSAssumedRole {
        let expiration = try reply.required([result, "Credentials", "Expiration"])
        guard let date = ISO8601.parse(expiration) else {
            throw AWSClientError(.invalidResponse, "STS returned an unreadable expiration '\(expiration)'")
        }
        let credentials = AWSCredentials(
            accessKeyId: try reply.required([result, "Credentials", "AccessKeyId"]),
            secretAccessKey: Secret(try reply.required([result, "Credentials", "SecretAccessKey"])),
            sessionToken: Secret(try reply.required([result, "Credentials", "SessionToken"])),
            expiration: date
        )
        return STSAssumedRole(
            credentials: credentials,
            assumedRoleARN: reply.text(at: [result, "AssumedRoleUser", "Arn"]),
            assumedRoleID: reply.text(at: [result, "AssumedRoleUser", "AssumedRoleId"])
        )
    }

    static func validate(roleARN: String, sessionName: String) throws {
        guard roleARN.hasPrefix("arn:"), roleARN.split(separator: ":", omittingEmptySubsequences: false).count >= 6 else {
            throw AWSClientError(.invalidParameter, "'\(roleARN)' is not a role ARN; use one such as arn:aws:iam::123456789012:role/deployer")
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_+=,.@-"))
        guard (2...64).contains(sessionName.count), sessionName.unicodeScalars.allSatisfy({ $0.isASCII && allowed.contains($0) }) else {
            throw AWSClientError(.invalidParameter, "role session name '\(sessionName)' must be 2 to 64 characters of letters, digits and _+=,.@-")
        }
    }
}

extension XMLReply {
    /// The text at `path`, or an error saying the reply lacks it.
    func required(_ path: [String]) throws -> String {
        guard let value = text(at: path) else {
            throw AWSClientError(.invalidResponse, "the reply has no \(path.joined(separator: "/")); is the endpoint really STS?")
        }
        return value
    }
}
