import Foundation
import SDKCore

/// A service reply decoded from a fuzzing input, written like a raw HTTP response after a line
/// that names the call which receives it:
///
/// ```
/// sts.GetCallerIdentity 403
/// x-amzn-RequestId: 4d2a4b5e-0000-4000-8000-000000000000
/// Content-Type: text/xml
///
/// <ErrorResponse …><Error><Code>InvalidClientTokenId</Code>…</Error></ErrorResponse>
/// ```
struct CannedReply {
    /// `service.Operation`, such as `ecr.GetAuthorizationToken`.
    var operation: String
    var response: HTTPResponse

    /// Decodes the input; `nil` when the first line is not `operation status`.
    init?(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst() else { return nil }
        let words = first.split(separator: " ")
        guard words.count >= 2, let status = Int(words[1]), (100...599).contains(status) else { return nil }
        operation = String(words[0])
        var headers = HTTPHeaderFields()
        while let line = lines.popFirst(), !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var value = line[line.index(after: colon)...].drop { $0 == " " }
            if value.last == "\r" { value = value.dropLast() }
            headers.add(name: String(line[..<colon]), value: String(value))
        }
        response = HTTPResponse(status: status, headers: headers, body: Data(lines.joined(separator: "\n").utf8))
    }
}
