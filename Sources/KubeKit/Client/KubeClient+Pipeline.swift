import Foundation
import Logging
import SDKCore

extension KubeClient {
    /// Sends a request through the pipeline and returns a successful response.
    /// - Throws: ``KubeError`` for an error answer, `TransportError` when no answer came,
    ///   ``CredentialError`` when credentials could not be obtained.
    func send(_ request: KubeRequest) async throws -> HTTPResponse {
        let start = ContinuousClock.now
        let response: HTTPResponse
        do {
            response = try await retryPolicy.run(
                { attempt in try await self.authenticatedExecute(request, attempt: attempt) },
                classify: { result in self.classify(result, request: request) }
            )
        } catch let error as TransportError {
            throw explained(error)
        }
        logger.debug(
            "kubernetes request",
            metadata: ["request": "\(request.summary)", "status": "\(response.status)", "duration": "\(ContinuousClock.now - start)"]
        )
        guard response.isSuccess else { throw KubeError(response: response, request: request.summary) }
        return response
    }

    /// Sends a request and decodes the JSON object it answers with.
    func sendForObject(_ request: KubeRequest) async throws -> [String: JSONValue] {
        let response = try await send(request)
        return try decodeObject(response.body, status: response.status, request: request)
    }

    func decodeObject(_ body: Data, status: Int, request: KubeRequest) throws -> [String: JSONValue] {
        guard let value = try? JSONValue(parsing: body), let object = value.objectValue else {
            throw KubeError(
                reason: .unexpectedResponse, code: status,
                message: "the answer is not a JSON object (\(body.count) bytes); check that the server URL points at a Kubernetes API server",
                request: request.summary
            )
        }
        return object
    }

    /// Opens a streaming response (a watch), with the same credentials and 401 handling but no
    /// retries: the watch loop decides about reconnecting.
    func openStream(_ request: KubeRequest) async throws -> HTTPStreamingResponse {
        var http = try httpRequest(for: request)
        let credential = try await authenticator.authorization()
        if let credential { http.headers.replaceOrAdd(name: "Authorization", value: credential.header) }
        var response: HTTPStreamingResponse
        do {
            response = try await transport.stream(http, timeout: configuration.requestTimeout)
        } catch let error as TransportError {
            throw explained(error)
        }
        if response.status == 401, let renewed = try await authenticator.authorization(afterRejecting: credential?.token) {
            _ = try? await response.collect(upTo: 1 << 20)
            logger.debug("401 on a watch; retrying once with a refreshed credential", metadata: ["request": "\(request.summary)"])
            http.headers.replaceOrAdd(name: "Authorization", value: renewed.header)
            response = try await transport.stream(http, timeout: configuration.requestTimeout)
        }
        guard (200..<300).contains(response.status) else {
            let body = (try? await response.collect(upTo: 1 << 20)) ?? Data()
            throw KubeError(response: HTTPResponse(status: response.status, headers: response.headers, body: body), request: request.summary)
        }
        return response
    }

    /// A transport failure with the server it concerns and what to check.
    func explained(_ error: TransportError) -> TransportError {
        let server = configuration.server.absoluteString
        switch error.kind {
        case .tls:
            return TransportError(
                .tls,
                "\(error.message) (server \(server)). The server's certificate was not accepted or the server refused the client certificate: "
                    + "check certificate-authority(-data), tls-server-name and the user's client certificate in the kubeconfig"
            )
        case .connection:
            return TransportError(
                .connection,
                "\(error.message) (server \(server)). Check the server URL and that the API server is reachable (network, VPN, endpoint access)")
        case .timeout:
            return TransportError(
                .timeout, "\(error.message) (server \(server)). The API server did not answer in time; check that it is reachable and not overloaded")
        default:
            return error
        }
    }

    /// One attempt: credentials on, and on a 401 one refresh of the credential and one repeat.
    private func authenticatedExecute(_ request: KubeRequest, attempt: Int) async throws -> HTTPResponse {
        var http = try httpRequest(for: request)
        let credential = try await authenticator.authorization()
        if let credential { http.headers.replaceOrAdd(name: "Authorization", value: credential.header) }
        let response = try await transport.execute(http, timeout: configuration.requestTimeout)
        guard response.status == 401, let renewed = try await authenticator.authorization(afterRejecting: credential?.token) else {
            return response
        }
        logger.debug("401 Unauthorized; retrying once with a refreshed credential", metadata: ["request": "\(request.summary)"])
        http.headers.replaceOrAdd(name: "Authorization", value: renewed.header)
        return try await transport.execute(http, timeout: configuration.requestTimeout)
    }

    /// Whether a result is worth another attempt. 429 means the server did not process the
    /// request, so any request may be repeated; 5xx and broken connections leave the outcome
    /// unknown, so only idempotent requests are.
    private func classify(_ result: Result<HTTPResponse, any Error>, request: KubeRequest) -> RetryPolicy.Decision {
        switch result {
        case .success(let response):
            let retryAfter = RetryPolicy.retryAfter(response.headers["Retry-After"])
            let retryable: Bool
            switch response.status {
            case 429: retryable = true
            case 500, 502, 503, 504: retryable = request.retry == .idempotent
            default: retryable = false
            }
            guard retryable else { return .stop }
            logger.debug("retrying", metadata: ["request": "\(request.summary)", "status": "\(response.status)"])
            return .retry(after: retryAfter)
        case .failure(let error):
            guard request.retry == .idempotent, let transportError = error as? TransportError, transportError.isTransient else { return .stop }
            logger.debug("retrying after a transport failure", metadata: ["request": "\(request.summary)", "error": "\(transportError)"])
            return .retry(after: nil)
        }
    }

    /// The HTTP request for an API call, without credentials.
    func httpRequest(for request: KubeRequest) throws -> HTTPRequest {
        var text = configuration.requestBase.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += request.path
        if !request.query.isEmpty {
            text += "?" + request.query.map { "\(QueryEncoding.encode($0.name))=\(QueryEncoding.encode($0.value))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw KubeError(reason: .invalidRequest, code: 0, message: "cannot form a URL for \(request.summary)", request: request.summary)
        }
        var headers: HTTPHeaderFields = ["Accept": "application/json", "User-Agent": configuration.userAgent]
        if let contentType = request.contentType { headers.add(name: "Content-Type", value: contentType) }
        if let user = configuration.impersonateUser { headers.add(name: "Impersonate-User", value: user) }
        for group in configuration.impersonateGroups { headers.add(name: "Impersonate-Group", value: group) }
        if let uid = configuration.impersonateUID { headers.add(name: "Impersonate-Uid", value: uid) }
        return HTTPRequest(method: request.method, url: url, headers: headers, body: request.body)
    }
}
