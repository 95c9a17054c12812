import AWSKit
import Foundation
import SDKCore

/// One signing request decoded from a fuzzing input, written like an HTTP request so that the
/// seeds stay readable:
///
/// ```
/// sts us-east-1 token=1 expires=900 payload=body time=1440938160
/// POST https://sts.amazonaws.com/?Action=GetCallerIdentity
/// Content-Type: application/x-www-form-urlencoded; charset=utf-8
///
/// Action=GetCallerIdentity&Version=2011-06-15
/// ```
///
/// Options the first line does not set keep their defaults. Header lines whose name is not an
/// HTTP token (RFC 9110) are dropped, as no HTTP client would send them.
struct SigningCase {
    var service = "sts"
    var region = "us-east-1"
    var withSessionToken = false
    var expires = 3600
    var payloadMode = "body"
    var date = Date(timeIntervalSince1970: 1_440_938_160)
    var request: HTTPRequest
    /// The value of `X-Amz-Content-SHA256` when the payload mode is `sha`.
    var precomputedHash: String?

    static let accessKeyID = "AKIDEXAMPLE"
    static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let sessionToken = "IQoJb3JpZ2luX2VjEFuzzSessionToken/+=="

    var credentials: AWSCredentials {
        AWSCredentials(accessKeyId: Self.accessKeyID, secretAccessKey: Self.secretAccessKey, sessionToken: withSessionToken ? Self.sessionToken : nil)
    }

    var payload: SigV4Signer.Payload {
        switch payloadMode {
        case "unsigned": return .unsigned
        case "sha": return .sha256(hex: precomputedHash ?? SigV4Signer.Payload.emptySHA256)
        default: return .body
        }
    }

    /// Decodes the input; `nil` when it holds no request line with an absolute URL.
    init?(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let options = lines.popFirst(), let requestLine = lines.popFirst() else { return nil }
        let words = options.split(separator: " ")
        if let first = words.first, !first.contains("=") { service = String(first) }
        if words.count > 1, !words[1].contains("=") { region = String(words[1]) }
        for word in words where word.contains("=") {
            // Empty pieces kept: a word that is only `=` is an empty option, not no option.
            let pair = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = String(pair[1])
            switch pair[0] {
            case "token": withSessionToken = value == "1"
            case "expires": expires = Int(value) ?? expires
            case "payload": payloadMode = value
            case "hash": precomputedHash = value
            case "time": date = Date(timeIntervalSince1970: Double(Int64(value).map { min(max($0, 0), 4_102_444_800) } ?? 1_440_938_160))
            default: break
            }
        }
        let requestParts = requestLine.split(separator: " ", maxSplits: 1)
        guard requestParts.count == 2, let url = URL(string: String(requestParts[1])) else { return nil }
        var headers = HTTPHeaderFields()
        while let line = lines.popFirst(), !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon]
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else { continue }
            var value = line[line.index(after: colon)...]
            if value.last == "\r" { value = value.dropLast() }
            headers.add(name: String(name), value: String(value))
        }
        let body = lines.joined(separator: "\n")
        request = HTTPRequest(method: String(requestParts[0]), url: url, headers: headers, body: body.isEmpty ? nil : Data(body.utf8))
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
