import Crypto
import Foundation
import SDKCore

extension SigV4Signer {
    /// The results of one signing pass. The strings for the intermediate steps are made only
    /// when asked for (tests, troubleshooting), so that the hot path hashes bytes directly.
    struct Output {
        var canonicalRequest = ""
        var stringToSign = ""
        var signature = ""
        var authorization = ""
        var url = ""
    }

    /// Headers that proxies and HTTP clients add, drop or rewrite; botocore never signs them.
    static let unsignedHeaders: Set<String> = [
        "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    static let algorithm = "AWS4-HMAC-SHA256"

    func signHeaders(_ request: inout HTTPRequest, timestamp: SigV4Timestamp, payload: Payload, wantDetails: Bool) throws -> Output {
        try signHeaders(
            method: request.method, url: request.url.absoluteString, headers: &request.headers, body: request.body,
            timestamp: timestamp, payload: payload, wantDetails: wantDetails)
    }

    /// Header signing of a request given as a raw URL string (which may hold characters a `URL`
    /// would have to encode, as the AWS test suite's requests do).
    func signHeaders(
        method: String, url urlString: String, headers requestHeaders: inout HTTPHeaderFields, body: Data?,
        timestamp: SigV4Timestamp, payload: Payload, wantDetails: Bool
    ) throws -> Output {
        guard let parts = URLParts(urlString) else {
            throw SigV4Error(.invalidURL, "the request URL is not absolute; give it a scheme and a host, as in https://sts.us-east-1.amazonaws.com/")
        }
        var headers = requestHeaders
        headers.remove(name: "Authorization")
        if headers.contains("Date") {
            headers.replaceOrAdd(name: "Date", value: timestamp.rfc2822)
            headers.remove(name: "X-Amz-Date")
        } else {
            headers.replaceOrAdd(name: "X-Amz-Date", value: timestamp.dateTime)
        }
        if let token = credentials.sessionToken {
            headers.replaceOrAdd(name: "X-Amz-Security-Token", value: token.value)
        }
        let payloadHash: String
        switch payload.kind {
        case .unsigned: payloadHash = Payload.unsignedLiteral
        case .precomputed(let hex): payloadHash = hex
        case .body: payloadHash = Self.sha256Hex(body)
        }
        if isS3 {
            headers.replaceOrAdd(name: "X-Amz-Content-SHA256", value: payloadHash)
        } else if payload.kind == .unsigned {
            headers.replaceOrAdd(name: "X-Amz-Content-SHA256", value: Payload.unsignedLiteral)
        }
        let canonicalPayload = headers["X-Amz-Content-SHA256"] ?? payloadHash
        var canonical = [UInt8]()
        canonical.reserveCapacity(512)
        let signedHeaders = appendCanonicalRequest(
            method: method, parts: parts, query: parts.query, headers: headers, payloadHash: canonicalPayload, into: &canonical)
        var output = finish(canonical: canonical, timestamp: timestamp, wantDetails: wantDetails)
        output.authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(timestamp.date)/\(region)/\(service)/aws4_request, SignedHeaders=\(signedHeaders), Signature=\(output.signature)"
        requestHeaders = headers
        return output
    }

    func presignCore(_ request: HTTPRequest, expires: Int, timestamp: SigV4Timestamp, wantDetails: Bool) throws -> Output {
        try presignCore(
            method: request.method, url: request.url.absoluteString, headers: request.headers, expires: expires, timestamp: timestamp,
            wantDetails: wantDetails)
    }

    /// Presigning of a request given as a raw URL string.
    func presignCore(
        method: String, url urlString: String, headers requestHeaders: HTTPHeaderFields, expires: Int, timestamp: SigV4Timestamp,
        wantDetails: Bool
    ) throws -> Output {
        guard (1...Self.maximumPresignedLifetime).contains(expires) else {
            throw SigV4Error(.invalidExpiry, "a presigned URL lives 1 to \(Self.maximumPresignedLifetime) seconds (7 days), not \(expires); pick a lifetime in that range")
        }
        guard let parts = URLParts(urlString) else {
            throw SigV4Error(.invalidURL, "the request URL is not absolute; give it a scheme and a host, as in https://sts.us-east-1.amazonaws.com/")
        }
        var headers = requestHeaders
        if headers["content-type"] == "application/x-www-form-urlencoded; charset=utf-8" {
            headers.remove(name: "content-type")
        }
        let signedHeaders = Self.signedHeaderNames(headers)

        // The operation's parameters (re-encoded canonically), then the authentication parameters.
        var query = [UInt8]()
        query.reserveCapacity(512)
        if let original = parts.query {
            let bytes = Array(original.utf8)
            for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
                if !query.isEmpty { query.append(UInt8(ascii: "&")) }
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                URIEncoding.normalizeComponent(pair[pair.startIndex..<(equals ?? pair.endIndex)], into: &query)
                query.append(UInt8(ascii: "="))
                if let equals { URIEncoding.normalizeComponent(pair[(equals + 1)...], into: &query) }
            }
            if !query.isEmpty { query.append(UInt8(ascii: "&")) }
        }
        func parameter(_ name: String, _ value: String, first: Bool = false) {
            if !first { query.append(UInt8(ascii: "&")) }
            query.append(contentsOf: name.utf8)
            query.append(UInt8(ascii: "="))
            URIEncoding.encode(value.utf8, into: &query)
        }
        parameter("X-Amz-Algorithm", Self.algorithm, first: true)
        parameter("X-Amz-Credential", "\(credentials.accessKeyId)/\(timestamp.date)/\(region)/\(service)/aws4_request")
        parameter("X-Amz-Date", timestamp.dateTime)
        parameter("X-Amz-Expires", String(expires))
        parameter("X-Amz-SignedHeaders", signedHeaders)
        if let token = credentials.sessionToken {
            parameter("X-Amz-Security-Token", token.value)
        }
        let queryString = String(decoding: query, as: UTF8.self)

        let payloadHash = isS3 ? Payload.unsignedLiteral : (headers["X-Amz-Content-SHA256"] ?? Payload.emptySHA256)
        var canonical = [UInt8]()
        canonical.reserveCapacity(640)
        _ = appendCanonicalRequest(
            method: method, parts: parts, query: Substring(queryString), headers: headers, payloadHash: payloadHash, into: &canonical)
        var output = finish(canonical: canonical, timestamp: timestamp, wantDetails: wantDetails)
        output.url = "\(parts.origin)\(parts.path)?\(queryString)&X-Amz-Signature=\(output.signature)"
        return output
    }

    /// Hashes the canonical request, builds the string to sign and signs it.
    private func finish(canonical: [UInt8], timestamp: SigV4Timestamp, wantDetails: Bool) -> Output {
        var stringToSign = [UInt8]()
        stringToSign.reserveCapacity(160)
        stringToSign.append(contentsOf: Self.algorithm.utf8)
        stringToSign.append(UInt8(ascii: "\n"))
        stringToSign.append(contentsOf: timestamp.dateTime.utf8)
        stringToSign.append(UInt8(ascii: "\n"))
        stringToSign.append(contentsOf: timestamp.date.utf8)
        stringToSign.append(UInt8(ascii: "/"))
        stringToSign.append(contentsOf: region.utf8)
        stringToSign.append(UInt8(ascii: "/"))
        stringToSign.append(contentsOf: service.utf8)
        stringToSign.append(contentsOf: "/aws4_request\n".utf8)
        URIEncoding.hex(SHA256.hash(data: canonical), into: &stringToSign)
        let key = keyCache.key(for: timestamp.date)
        var output = Output()
        output.signature = URIEncoding.hex(HMAC<SHA256>.authenticationCode(for: stringToSign, using: key))
        if wantDetails {
            output.canonicalRequest = String(decoding: canonical, as: UTF8.self)
            output.stringToSign = String(decoding: stringToSign, as: UTF8.self)
        }
        return output
    }

    /// Appends the canonical request and returns the signed-headers list.
    private func appendCanonicalRequest(
        method: String, parts: URLParts, query: Substring?, headers: HTTPHeaderFields, payloadHash: String, into output: inout [UInt8]
    ) -> String {
        output.append(contentsOf: method.uppercased().utf8)
        output.append(UInt8(ascii: "\n"))
        appendCanonicalPath(parts.path, into: &output)
        output.append(UInt8(ascii: "\n"))
        if let query { Self.appendCanonicalQuery(query, into: &output) }
        output.append(UInt8(ascii: "\n"))
        let signed = Self.appendCanonicalHeaders(headers, host: parts.hostHeader, into: &output)
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: signed.utf8)
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: payloadHash.utf8)
        return signed
    }

    /// The path with dot segments and empty segments removed, then percent-encoded once more
    /// (so `%20` on the wire is `%2520` here), as every service but S3 computes it. S3 signs the
    /// path exactly as sent.
    private func appendCanonicalPath(_ path: Substring, into output: inout [UInt8]) {
        if path.isEmpty {
            output.append(UInt8(ascii: "/"))
            return
        }
        if isS3 {
            output.append(contentsOf: path.utf8)
            return
        }
        URIEncoding.encode(Self.removeDotSegments(path).utf8, keepSlash: true, into: &output)
    }

    /// RFC 3986 §5.2.4, plus the collapsing of repeated slashes that AWS services expect.
    static func removeDotSegments(_ path: Substring) -> Substring {
        // Fast path: nothing to remove.
        let bytes = path.utf8
        var previous: UInt8 = 0
        var clean = true
        for byte in bytes {
            if (byte == UInt8(ascii: "/") && previous == UInt8(ascii: "/")) || (byte == UInt8(ascii: ".") && previous == UInt8(ascii: "/")) {
                clean = false
                break
            }
            previous = byte
        }
        if clean, bytes.first == UInt8(ascii: "/") { return path }
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        return Substring(leading + segments.joined(separator: "/") + trailing)
    }

    /// Query parameters re-encoded canonically and sorted by key, then by value.
    static func appendCanonicalQuery(_ query: Substring, into output: inout [UInt8]) {
        guard !query.isEmpty else { return }
        var pairs: [(key: [UInt8], value: [UInt8])] = []
        for pair in Array(query.utf8).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            var key = [UInt8]()
            var value = [UInt8]()
            URIEncoding.normalizeComponent(pair[pair.startIndex..<(equals ?? pair.endIndex)], into: &key)
            if let equals { URIEncoding.normalizeComponent(pair[(equals + 1)...], into: &value) }
            pairs.append((key, value))
        }
        pairs.sort { lhs, rhs in
            lhs.key == rhs.key ? lhs.value.lexicographicallyPrecedes(rhs.value) : lhs.key.lexicographicallyPrecedes(rhs.key)
        }
        for (index, pair) in pairs.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            output.append(contentsOf: pair.key)
            output.append(UInt8(ascii: "="))
            output.append(contentsOf: pair.value)
        }
    }

    /// The headers to sign, lower-cased and grouped, in sorted order (stable for several values).
    private static func signableHeaders(_ headers: HTTPHeaderFields, host: String?) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(headers.count + 1)
        var hasHost = false
        for field in headers {
            let name = URLParts.asciiLowercased(field.name)
            if unsignedHeaders.contains(name) { continue }
            if name == "host" { hasHost = true }
            fields.append((name, field.value))
        }
        if !hasHost, let host { fields.append(("host", host)) }
        // Swift's sort is stable, so several values of one header keep their order.
        fields.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return fields
    }

    static func signedHeaderNames(_ headers: HTTPHeaderFields) -> String {
        var names: [String] = []
        for field in signableHeaders(headers, host: "") where names.last != field.name {
            names.append(field.name.trimmingCharacters(in: .whitespaces))
        }
        return names.joined(separator: ";")
    }

    /// Appends `name:value[,value…]\n` for each signed header and returns the signed-headers list.
    private static func appendCanonicalHeaders(_ headers: HTTPHeaderFields, host: String, into output: inout [UInt8]) -> String {
        let fields = signableHeaders(headers, host: host)
        var signed = ""
        var index = 0
        while index < fields.count {
            let name = fields[index].name
            output.append(contentsOf: name.utf8)
            output.append(UInt8(ascii: ":"))
            if !signed.isEmpty { signed += ";" }
            signed += name
            var first = true
            while index < fields.count, fields[index].name == name {
                if !first { output.append(UInt8(ascii: ",")) }
                HeaderValue.appendTrimmed(fields[index].value, into: &output)
                first = false
                index += 1
            }
            output.append(UInt8(ascii: "\n"))
        }
        return signed
    }

    static func sha256Hex(_ body: Data?) -> String {
        guard let body, !body.isEmpty else { return Payload.emptySHA256 }
        return URIEncoding.hex(SHA256.hash(data: body))
    }
}
