import Crypto
import Foundation
import Logging
import SDKCore

/// Looks images up through the registry HTTP API (the OCI distribution spec, which ECR, Docker
/// Hub, GHCR, Harbor and `docker-registry` all serve), so the check works for any registry.
///
/// It answers one question: does `repository:tag` exist, and which digest does it name? Auth
/// follows the registry's `WWW-Authenticate` challenge: `Basic` (ECR, htpasswd) with the
/// credentials from ``CredentialSource``, or `Bearer` through the token service it names.
public struct RegistryClient: Sendable {
    /// A registry user name and password (for ECR: `AWS` and the GetAuthorizationToken password).
    public struct Credentials: Sendable, Equatable {
        public var username: String
        public var password: Secret

        public init(username: String, password: Secret) {
            self.username = username
            self.password = password
        }
    }

    /// Finds credentials for a registry host; `nil` means anonymous.
    public typealias CredentialSource = @Sendable (_ registry: String) async throws -> Credentials?

    /// What the registry says about a manifest.
    public struct Manifest: Sendable, Equatable {
        /// `sha256:…`, from `Docker-Content-Digest` or computed from the manifest's bytes.
        public var digest: String
        public var mediaType: String?
    }

    /// The manifest types asked for: multi-platform indexes first, then single manifests.
    public static let acceptedManifestTypes = [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ]

    private let transport: any HTTPTransport
    private let endpoint: URL?
    private let credentials: CredentialSource
    private let retry: RetryPolicy
    private let timeout: Duration
    private let logger: Logger

    /// - Parameters:
    ///   - endpoint: the registry API's base URL when it is not `https://<registry host>` (VPC
    ///     endpoints, pull-through caches, a plain-HTTP registry in tests).
    public init(
        transport: any HTTPTransport = AsyncHTTPClientTransport.shared,
        endpoint: URL? = nil,
        credentials: @escaping CredentialSource = { _ in nil },
        retry: RetryPolicy = .standard,
        timeout: Duration = .seconds(30),
        logger: Logger = Logger(label: "bluegreen.registry", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.transport = transport
        self.endpoint = endpoint
        self.credentials = credentials
        self.retry = retry
        self.timeout = timeout
        self.logger = logger
    }

    /// Resolves `image`'s tag (or digest) to its manifest digest.
    /// - Throws: ``RegistryError`` (`.notFound` when the tag or repository does not exist).
    public func resolve(_ image: ImageReference) async throws -> Manifest {
        let url = try manifestURL(image)
        var authorization: String?
        var challenged = false
        while true {
            var request = HTTPRequest(method: "HEAD", url: url)
            request.headers.add(name: "Accept", value: Self.acceptedManifestTypes.joined(separator: ", "))
            if let authorization { request.headers.add(name: "Authorization", value: authorization) }
            var response = try await send(request)
            if response.status == 401, !challenged {
                challenged = true
                authorization = try await authorize(challenge: response.headers["WWW-Authenticate"], image: image)
                continue
            }
            if response.isSuccess, response.headers["Docker-Content-Digest"] == nil {
                // Some registries only give the digest on GET; compute it from the manifest bytes.
                request.method = "GET"
                response = try await send(request)
                if response.isSuccess {
                    return Manifest(digest: Self.sha256Digest(response.body), mediaType: response.headers["Content-Type"])
                }
            }
            return try manifest(from: response, image: image)
        }
    }

    // MARK: - Steps

    private func manifestURL(_ image: ImageReference) throws -> URL {
        let base = endpoint?.absoluteString ?? "https://\(image.apiHost)"
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        guard let url = URL(string: "\(trimmed)/v2/\(image.repository)/manifests/\(image.manifestReference)") else {
            throw RegistryError(.failed, "cannot build a registry URL from '\(base)' and \(image)")
        }
        return url
    }

    private func manifest(from response: HTTPResponse, image: ImageReference) throws -> Manifest {
        switch response.status {
        case 200..<300:
            return Manifest(digest: response.headers["Docker-Content-Digest"] ?? "", mediaType: response.headers["Content-Type"])
        case 404:
            throw RegistryError(
                .notFound,
                "the image \(image) does not exist in \(image.registry) (no manifest for '\(image.manifestReference)' in repository \(image.repository)); push it first, or check --image and --version"
            )
        case 401, 403:
            throw RegistryError(
                .unauthorized,
                "the registry \(image.registry) refused access to \(image.repository) (HTTP \(response.status)); check the pipeline's registry credentials (for ECR: ecr:BatchGetImage and ecr:GetAuthorizationToken), or pass --skip-image-check"
            )
        default:
            throw RegistryError(.failed, "the registry \(image.registry) answered HTTP \(response.status) for \(image)\(Self.errorDetail(response.body))")
        }
    }

    private func authorize(challenge: String?, image: ImageReference) async throws -> String? {
        guard let challenge = challenge.flatMap(AuthChallenge.init(header:)) else {
            throw RegistryError(.unauthorized, "the registry \(image.registry) asked for credentials without saying how (no WWW-Authenticate header)")
        }
        let found = try await credentials(image.registry)
        switch challenge.scheme {
        case "basic":
            guard let found else {
                throw RegistryError(.unauthorized, "the registry \(image.registry) needs credentials and none were found; log in (docker login) or, for ECR, give the pipeline ecr:GetAuthorizationToken")
            }
            return Self.basic(found)
        case "bearer":
            return "Bearer " + (try await bearerToken(challenge, credentials: found, image: image)).value
        default:
            throw RegistryError(.unauthorized, "the registry \(image.registry) asked for an unsupported authentication scheme '\(challenge.scheme)'")
        }
    }

    /// Fetches a token from the registry's token service (the Docker token protocol).
    private func bearerToken(_ challenge: AuthChallenge, credentials: Credentials?, image: ImageReference) async throws -> Secret {
        guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm) else {
            throw RegistryError(.unauthorized, "the registry \(image.registry) sent a Bearer challenge without a realm")
        }
        var query = components.queryItems ?? []
        if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
        query.append(URLQueryItem(name: "scope", value: challenge.parameters["scope"] ?? "repository:\(image.repository):pull"))
        components.queryItems = query
        guard let url = components.url else {
            throw RegistryError(.unauthorized, "the registry \(image.registry) sent an unusable token realm")
        }
        var request = HTTPRequest(method: "GET", url: url)
        if let credentials { request.headers.add(name: "Authorization", value: Self.basic(credentials)) }
        let response = try await send(request)
        guard response.isSuccess else {
            throw RegistryError(.unauthorized, "the token service of \(image.registry) refused a pull token for \(image.repository) (HTTP \(response.status)); check the registry credentials")
        }
        struct TokenReply: Decodable {
            var token: String?
            var access_token: String?
        }
        guard let reply = try? JSONDecoder().decode(TokenReply.self, from: response.body), let token = reply.token ?? reply.access_token else {
            throw RegistryError(.unauthorized, "the token service of \(image.registry) answered without a token")
        }
        return Secret(token)
    }

    private func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        do {
            return try await retry.run({ [transport, timeout] _ in try await transport.execute(request, timeout: timeout) }) { result in
                switch result {
                case .success(let response) where response.status == 429 || response.status >= 500:
                    return .retry(after: RetryPolicy.retryAfter(response.headers["Retry-After"]))
                case .failure(let error as TransportError) where error.isTransient:
                    return .retry(after: nil)
                default:
                    return .stop
                }
            }
        } catch let error as TransportError {
            throw RegistryError(.failed, "cannot reach the registry at \(request.url.host ?? "?"): \(error.message)")
        }
    }

    private static func basic(_ credentials: Credentials) -> String {
        "Basic " + Data("\(credentials.username):\(credentials.password.value)".utf8).base64EncodedString()
    }

    static func sha256Digest(_ data: Data) -> String {
        "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private static func errorDetail(_ body: Data) -> String {
        struct Errors: Decodable {
            struct Item: Decodable {
                var code: String?
                var message: String?
            }
            var errors: [Item]
        }
        guard let errors = try? JSONDecoder().decode(Errors.self, from: body), let first = errors.errors.first else { return "" }
        return ": " + [first.code, first.message].compactMap { $0 }.joined(separator: " ")
    }
}
