import Foundation
import Logging
import SDKCore

/// The request pipeline the service clients share: build the URL, sign, send, retry where it is
/// safe, and turn error replies into ``AWSError``.
struct AWSServiceClient: Sendable {
    /// How a service writes its error replies.
    enum ErrorProtocol: Sendable {
        case queryXML
        case json
    }

    let service: AWSService
    let region: AWSRegion
    let endpoint: URL
    let credentials: any CredentialProvider
    let transport: any HTTPTransport
    let retryPolicy: RetryPolicy
    let timeout: Duration
    let errorProtocol: ErrorProtocol

    init(service: AWSService, configuration: AWSConfiguration, endpoint: URL?, errorProtocol: ErrorProtocol) throws {
        self.service = service
        region = try configuration.resolvedRegion()
        self.endpoint = try endpoint ?? service.endpoint(region: region, profile: configuration.profile, environment: configuration.environment)
        credentials = configuration.resolvedCredentials()
        transport = configuration.transport
        retryPolicy = configuration.retryPolicy
        timeout = configuration.timeout
        self.errorProtocol = errorProtocol
    }

    /// The URL of `path` (already percent-encoded) with `query` (encoded here) on the endpoint.
    func url(path: String, query: [(String, String)] = []) throws -> URL {
        var text = endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path.hasPrefix("/") ? path : "/" + path
        if !query.isEmpty {
            text += "?" + query.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw AWSClientError(.invalidParameter, "cannot build a URL from the endpoint \(endpoint.absoluteString) and the path \(path)")
        }
        return url
    }

    /// Sends a request and returns the successful reply.
    ///
    /// - Parameters:
    ///   - idempotent: whether the call may be repeated after a 5xx or a broken connection.
    ///     Throttled requests were not carried out, so they are repeated in any case.
    ///   - signed: `false` for the few calls that take no credentials (AssumeRoleWithWebIdentity).
    func send(
        _ request: HTTPRequest, operation: String, idempotent: Bool, signed: Bool = true, logger: Logger
    ) async throws -> HTTPResponse {
        var logger = logger
        logger[metadataKey: "aws.service"] = "\(service.signingName)"
        logger[metadataKey: "aws.operation"] = "\(operation)"
        let credentials = self.credentials
        let transport = self.transport
        let timeout = self.timeout
        let region = self.region
        let service = self.service
        let errorProtocol = self.errorProtocol
        let attemptLogger = logger
        let outcome: (response: HTTPResponse, secrets: [String]) = try await retryPolicy.run { attempt in
            var signedRequest = request
            var secrets: [String] = []
            if signed {
                let current = try await credentials.credentials(logger: attemptLogger)
                secrets = [current.secretAccessKey.value] + (current.sessionToken.map { [$0.value] } ?? [])
                let signer = SigV4Signer(credentials: current, region: region.rawValue, service: service.signingName)
                try signer.sign(&signedRequest)
            }
            attemptLogger.debug("sending AWS request", metadata: ["attempt": "\(attempt)", "method": "\(request.method)"])
            let response = try await transport.execute(signedRequest, timeout: timeout)
            attemptLogger.debug(
                "AWS reply", metadata: ["attempt": "\(attempt)", "status": "\(response.status)", "aws.requestID": "\(Self.requestID(response) ?? "-")"])
            return (response, secrets)
        } classify: { result in
            switch result {
            case .failure(let error as TransportError):
                return error.isTransient && idempotent ? .retry(after: nil) : .stop
            case .failure:
                return .stop
            case .success(let outcome):
                let response = outcome.response
                if response.isSuccess { return .stop }
                let retryAfter = RetryPolicy.retryAfter(response.headers["retry-after"])
                let error = Self.decodeError(response, protocol: errorProtocol, service: service.signingName, operation: operation, secrets: [])
                if error.isThrottling { return .retry(after: retryAfter) }
                if [500, 502, 503, 504].contains(response.status) && idempotent { return .retry(after: retryAfter) }
                return .stop
            }
        }
        guard outcome.response.isSuccess else {
            let error = Self.decodeError(
                outcome.response, protocol: errorProtocol, service: service.signingName, operation: operation, secrets: outcome.secrets)
            logger.debug("AWS error reply", metadata: ["aws.errorCode": "\(error.code)", "status": "\(error.status)"])
            throw error
        }
        return outcome.response
    }

    static func requestID(_ response: HTTPResponse) -> String? {
        response.headers["x-amzn-requestid"] ?? response.headers["x-amz-request-id"]
    }

    /// Reads the error code, message and request id from an error reply of either protocol.
    static func decodeError(_ response: HTTPResponse, protocol errorProtocol: ErrorProtocol, service: String, operation: String, secrets: [String])
        -> AWSError
    {
        var code: String?
        var message: String?
        var requestID = requestID(response)
        switch errorProtocol {
        case .queryXML:
            if let document = try? XMLReply(response.body) {
                code = document.text(at: ["Error", "Code"])
                message = document.text(at: ["Error", "Message"])
                requestID = requestID ?? document.text(at: ["RequestId"]) ?? document.text(at: ["RequestID"])
            }
        case .json:
            let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            code = response.headers["x-amzn-errortype"] ?? (object?["__type"] as? String) ?? (object?["code"] as? String)
            message = (object?["message"] as? String) ?? (object?["Message"] as? String) ?? (object?["errorMessage"] as? String)
        }
        // "aws.protocoltests#FooError:http://…" → "FooError"
        if var name = code {
            if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
            if let hash = name.lastIndex(of: "#") { name = String(name[name.index(after: hash)...]) }
            code = name.trimmingCharacters(in: .whitespaces)
        }
        let fallbackCode: String
        switch response.status {
        case 400: fallbackCode = "BadRequest"
        case 401: fallbackCode = "Unauthorized"
        case 403: fallbackCode = "Forbidden"
        case 404: fallbackCode = "NotFound"
        case 429: fallbackCode = "TooManyRequests"
        default: fallbackCode = response.status >= 500 ? "ServiceUnavailable" : "HTTP\(response.status)"
        }
        // Every text the service sends back is scrubbed, not only the message: a proxy or a broken
        // reply may echo the request anywhere (found by FuzzAWSErrors: a token inside <Code>).
        return AWSError(
            code: AWSError.Code(rawValue: scrub((code?.isEmpty == false ? code : nil) ?? fallbackCode, secrets: secrets)),
            message: scrub(message ?? "", secrets: secrets),
            status: response.status,
            requestID: requestID.map { scrub($0, secrets: secrets) },
            service: service,
            operation: operation
        )
    }

    /// Removes secrets from a service message: the credentials in use, and any quoted
    /// `x-amz-security-token` header or `X-Amz-Security-Token` parameter.
    static func scrub(_ message: String, secrets: [String]) -> String {
        var text = message
        for secret in secrets where secret.count >= 8 {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
            text = text.replacingOccurrences(of: URIEncoding.encode(secret), with: "<redacted>")
        }
        var lines = text.components(separatedBy: "\n")
        for index in lines.indices where lines[index].lowercased().hasPrefix("x-amz-security-token:") {
            lines[index] = "x-amz-security-token:<redacted>"
        }
        text = lines.joined(separator: "\n")
        // Every `X-Amz-Security-Token=` parameter, however much of the token follows it.
        var searchStart = text.startIndex
        while let range = text.range(of: "X-Amz-Security-Token=", options: .caseInsensitive, range: searchStart..<text.endIndex) {
            let end = text[range.upperBound...].firstIndex { $0 == "&" || $0 == "\n" || $0 == " " || $0 == "'" } ?? text.endIndex
            text.replaceSubrange(range.upperBound..<end, with: "<redacted>")
            searchStart = text.index(range.upperBound, offsetBy: "<redacted>".count)
        }
        return text
    }
}
