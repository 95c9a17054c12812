import Foundation
import Logging
import SDKCore

/// The credentials of an EC2 instance's IAM role, from the instance metadata service, IMDSv2
/// only: a session token from `PUT /latest/api/token`, then the role name and its credentials.
/// There is no fallback to IMDSv1.
///
/// `AWS_EC2_METADATA_DISABLED=true` turns it off; `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it
/// (`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6` uses `http://[fd00:ec2::254]`). Timeouts are short,
/// so that off EC2 the chain gives up quickly.
public struct InstanceMetadataCredentialProvider: CredentialProvider {
    let environment: AWSEnvironment
    let transport: any HTTPTransport
    let timeout: Duration

    /// Creates a provider.
    public init(environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPClientTransport.shared, timeout: Duration = .seconds(1)) {
        self.environment = environment
        self.transport = transport
        self.timeout = timeout
    }

    /// The metadata service's base URL.
    func endpoint() throws -> String {
        if let configured = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] {
            guard let url = URL(string: configured), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw CredentialError(.invalidConfiguration, "AWS_EC2_METADATA_SERVICE_ENDPOINT '\(configured)' is not an http(s) URL")
            }
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        return environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]?.lowercased() == "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254"
    }

    /// Fetches the role's credentials.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        if environment.isTrue("AWS_EC2_METADATA_DISABLED") {
            throw CredentialError(.notConfigured, "the EC2 instance metadata service is disabled (AWS_EC2_METADATA_DISABLED)")
        }
        let base = try endpoint()
        let tokenResponse: HTTPResponse
        do {
            tokenResponse = try await send("PUT", base + "/latest/api/token", headers: ["X-aws-ec2-metadata-token-ttl-seconds": "21600"])
        } catch {
            throw CredentialError(.notConfigured, "no EC2 instance metadata service at \(base)")
        }
        guard tokenResponse.isSuccess, let token = String(data: tokenResponse.body, encoding: .utf8), !token.isEmpty else {
            throw CredentialError(.notConfigured, "the EC2 instance metadata service at \(base) gave no IMDSv2 token (HTTP \(tokenResponse.status))")
        }
        let tokenHeader: HTTPHeaderFields = ["X-aws-ec2-metadata-token": token]
        let rolesURL = base + "/latest/meta-data/iam/security-credentials/"
        let roles = try await fetch(rolesURL, headers: tokenHeader)
        guard roles.status != 404 else {
            throw CredentialError(.notConfigured, "the EC2 instance has no IAM role (instance profile)")
        }
        guard roles.isSuccess, let role = String(decoding: roles.body, as: UTF8.self).split(separator: "\n").first.map(String.init), !role.isEmpty else {
            throw CredentialError(.providerFailed, "the EC2 instance metadata service answered HTTP \(roles.status) for the role name")
        }
        logger.debug("fetching EC2 instance role credentials", metadata: ["aws.role": "\(role)"])
        let reply = try await fetch(rolesURL + URIEncoding.encode(role), headers: tokenHeader)
        guard reply.isSuccess else {
            throw CredentialError(.providerFailed, "the EC2 instance metadata service answered HTTP \(reply.status) for the credentials of role \(role)")
        }
        return try CredentialReply.decode(reply.body, source: "the EC2 instance metadata service")
    }

    private func fetch(_ url: String, headers: HTTPHeaderFields) async throws -> HTTPResponse {
        do {
            return try await send("GET", url, headers: headers)
        } catch {
            throw CredentialError(.providerFailed, "the EC2 instance metadata service stopped answering (\(error))")
        }
    }

    private func send(_ method: String, _ url: String, headers: HTTPHeaderFields) async throws -> HTTPResponse {
        guard let target = URL(string: url) else { throw CredentialError(.invalidConfiguration, "bad metadata URL \(url)") }
        let transport = self.transport
        let timeout = self.timeout
        let request = HTTPRequest(method: method, url: target, headers: headers)
        return try await RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(100), maxDelay: .milliseconds(500)).run { _ in
            try await transport.execute(request, timeout: timeout)
        } classify: { result in
            switch result {
            case .failure(let error as TransportError): return error.kind == .connection ? .retry(after: nil) : .stop
            case .failure: return .stop
            case .success(let response): return response.status >= 500 ? .retry(after: nil) : .stop
            }
        }
    }
}
