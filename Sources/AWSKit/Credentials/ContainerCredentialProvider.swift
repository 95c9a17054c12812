import Foundation
import Logging
import SDKCore

/// Credentials from the container credential endpoint of ECS tasks and EKS Pod Identity.
///
/// - `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`: `http://169.254.170.2` + that path (ECS).
/// - `AWS_CONTAINER_CREDENTIALS_FULL_URI`: a full URL, allowed over https, or over http only to
///   a loopback address, `169.254.170.2`, `169.254.170.23` or `fd00:ec2::23` (EKS Pod Identity),
///   as botocore allows. Its authorization token comes from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`
///   (read again at every fetch, since it rotates) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
public struct ContainerCredentialProvider: CredentialProvider {
    let environment: AWSEnvironment
    let transport: any HTTPTransport
    /// The host for relative URIs; `169.254.170.2` except in tests.
    let relativeHost: String
    let timeout: Duration
    let attempts: Int

    /// Creates a provider.
    /// - Parameter relativeHost: the `scheme://host[:port]` that relative URIs go to (a test server).
    public init(
        environment: AWSEnvironment = .process, transport: any HTTPTransport = AsyncHTTPClientTransport.shared,
        relativeHost: String = "http://169.254.170.2", timeout: Duration = .seconds(2), attempts: Int = 3
    ) {
        self.environment = environment
        self.transport = transport
        self.relativeHost = relativeHost
        self.timeout = timeout
        self.attempts = max(1, attempts)
    }

    static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "localhost"]

    /// Fetches credentials from the endpoint.
    public func credentials(logger: Logger) async throws -> AWSCredentials {
        let url = try endpointURL()
        var request = HTTPRequest(method: "GET", url: url, headers: ["Accept": "application/json"])
        if let token = try authorizationToken() {
            request.headers.add(name: "Authorization", value: token.value)
        }
        logger.debug("fetching container credentials", metadata: ["url": "\(url.absoluteString)"])
        let transport = self.transport
        let timeout = self.timeout
        let finalRequest = request
        let response: HTTPResponse
        do {
            response = try await RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(100), maxDelay: .seconds(1)).run { _ in
                try await transport.execute(finalRequest, timeout: timeout)
            } classify: { result in
                switch result {
                case .failure(let error as TransportError): return error.isTransient ? .retry(after: nil) : .stop
                case .failure: return .stop
                case .success(let response): return response.status >= 500 ? .retry(after: nil) : .stop
                }
            }
        } catch {
            throw CredentialError(.providerFailed, "the container credential endpoint \(url.absoluteString) is not reachable (\(error)); check AWS_CONTAINER_CREDENTIALS_*_URI")
        }
        guard response.isSuccess else {
            throw CredentialError(.providerFailed, "the container credential endpoint \(url.absoluteString) answered HTTP \(response.status); check the task role or pod identity association and the authorization token")
        }
        return try CredentialReply.decode(response.body, source: "the container credential endpoint")
    }

    func endpointURL() throws -> URL {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            let path = relative.hasPrefix("/") ? relative : "/" + relative
            guard let url = URL(string: relativeHost + path) else {
                throw CredentialError(.invalidConfiguration, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI '\(relative)' is not a valid path")
            }
            return url
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] else {
            throw CredentialError(.notConfigured, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set")
        }
        guard let url = URL(string: full), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else {
            throw CredentialError(.invalidConfiguration, "AWS_CONTAINER_CREDENTIALS_FULL_URI '\(full)' is not a URL")
        }
        if scheme == "https" { return url }
        guard scheme == "http", Self.allowedHTTPHosts.contains(host) || Self.isLoopback(host) else {
            throw CredentialError(
                .invalidConfiguration,
                "AWS_CONTAINER_CREDENTIALS_FULL_URI '\(full)' must use https, or http to a loopback address, 169.254.170.2, 169.254.170.23 or fd00:ec2::23")
        }
        return url
    }

    func authorizationToken() throws -> Secret? {
        var token: String?
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
            do {
                token = try String(contentsOfFile: environment.expand(file) ?? file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw CredentialError(.providerFailed, "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file); check that the token is mounted")
            }
        } else {
            token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        }
        guard let token else { return nil }
        guard !token.contains("\r"), !token.contains("\n") else {
            throw CredentialError(.invalidConfiguration, "the container authorization token contains a line break; fix the token file or variable")
        }
        return Secret(token)
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }
}
