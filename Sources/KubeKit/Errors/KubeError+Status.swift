import Foundation
import SDKCore

extension KubeError {
    /// Decodes an error response: the server's `Status` when the body is one, otherwise an error
    /// derived from the HTTP status (a proxy's HTML page, an empty body).
    init(response: HTTPResponse, request: String?) {
        let retryAfter = RetryPolicy.retryAfter(response.headers["Retry-After"])
        if let status = try? JSONValue(parsing: response.body), status["kind"]?.stringValue == "Status" {
            self.init(status: status, httpStatus: response.status, retryAfter: retryAfter, request: request)
            return
        }
        let reason = Reason.forHTTPStatus(response.status)
        let snippet = String(decoding: response.body.prefix(200), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: " ")
        let message =
            snippet.isEmpty
            ? "the server responded with the status code \(response.status) but did not return more information"
            : "the server responded with the status code \(response.status): \(snippet)"
        self.init(reason: reason, code: response.status, message: message, retryAfter: retryAfter, request: request)
    }

    /// Decodes a meta/v1 `Status` (from an error response or a watch `ERROR` event).
    init(status: JSONValue, httpStatus: Int? = nil, retryAfter: Duration? = nil, request: String? = nil) {
        let code = status["code"]?.intValue ?? httpStatus ?? 0
        let reasonText = status["reason"]?.stringValue ?? ""
        let reason = reasonText.isEmpty ? Reason.forHTTPStatus(code) : Reason(reasonText)
        let details = status["details"]
        let causes = (details?["causes"]?.arrayValue ?? []).map {
            Cause(reason: $0["reason"]?.stringValue, message: $0["message"]?.stringValue, field: $0["field"]?.stringValue)
        }
        let named = details.map {
            Details(name: $0["name"]?.stringValue, group: $0["group"]?.stringValue, kind: $0["kind"]?.stringValue, uid: $0["uid"]?.stringValue)
        }
        let serverRetry = details?["retryAfterSeconds"]?.intValue.map { Duration.seconds($0) }
        self.init(
            reason: reason,
            code: code,
            message: status["message"]?.stringValue ?? "",
            causes: causes,
            details: named,
            retryAfter: retryAfter ?? serverRetry,
            request: request
        )
    }
}
