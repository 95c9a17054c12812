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

    /// A header on its way into the canonical request: its name as given, lower-cased, and its value.
    struct Field {
        var name: String
        var lowercased: String
        var value: String
    }

    /// Whether a (lower-cased) header is one that proxies and HTTP clients add, drop or rewrite,
    /// which botocore never signs: connection, expect, keep-alive, proxy-authenticate,
    /// proxy-authorization, te, trailer, transfer-encoding, upgrade, user-agent, x-amzn-trace-id.
    @inline(__always)
    static func isUnsigned(_ name: String) -> Bool {
        switch name.utf8.count {
        case 2: return name == "te"
        case 6: return name == "expect"
        case 7: return name == "trailer" || name == "upgrade"
        case 10: return name == "connection" || name == "keep-alive" || name == "user-agent"
        case 15: return name == "x-amzn-trace-id"
        case 17: return name == "transfer-encoding"
        case 18: return name == "proxy-authenticate"
        case 19: return name == "proxy-authorization"
        default: return false
        }
    }

    static let algorithm = "AWS4-HMAC-SHA256"

    func signHeaders(_ request: inout HTTPRequest, timestamp: SigV4Timestamp, payload: Payload, wantDetails: Bool) throws -> Output {
        try signHeaders(
            method: request.method, url: request.url.absoluteString, headers: &request.headers, body: request.body,
            timestamp: timestamp, payload: payload, wantDetails: wantDetails)
    }

    /// Header signing of a request given as a raw URL string (which may hold characters a `URL`
    /// would have to encode, as the AWS test suite's requests do). Rewrites `requestHeaders` as
    /// botocore does before signing, and appends `Authorization`.
    func signHeaders(
        method: String, url urlString: String, headers requestHeaders: inout HTTPHeaderFields, body: Data?,
        timestamp: SigV4Timestamp, payload: Payload, wantDetails: Bool
    ) throws -> Output {
        guard let parts = URLParts(urlString) else {
            throw SigV4Error(.invalidURL, "the request URL is not absolute; give it a scheme and a host, as in https://sts.us-east-1.amazonaws.com/")
        }
        let setsContentHash = isS3 || payload.kind == .unsigned
        // The payload hash as text, or (for a body whose hash only enters the canonical
        // request) as a digest whose hex digits are written there directly.
        let payloadHash: String
        var bodyDigest: SHA256Digest?
        switch payload.kind {
        case .unsigned: payloadHash = Payload.unsignedLiteral
        case .precomputed(let hex): payloadHash = hex
        case .body:
            if let body, !body.isEmpty {
                var hasher = SHA256()
                body.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                let digest = hasher.finalize()
                if setsContentHash {
                    payloadHash = URIEncoding.hex(digest)
                } else {
                    payloadHash = ""
                    bodyDigest = digest
                }
            } else {
                payloadHash = Payload.emptySHA256
            }
        }

        // One pass over the request's headers: drop what signing replaces, as botocore does
        // (Authorization; X-Amz-Date, or a Date header rewritten; the session token; the
        // content hash when the signer sets it).
        var fields: [Field] = []
        fields.reserveCapacity(requestHeaders.count + 4)
        var hasDate = false
        var presetContentHash: String?
        for header in requestHeaders {
            let lowercased = URLParts.asciiLowercased(header.name)
            switch lowercased {
            case "authorization", "x-amz-date":
                continue
            case "date":
                hasDate = true
                continue
            case "x-amz-security-token" where credentials.sessionToken != nil:
                continue
            case "x-amz-content-sha256":
                if setsContentHash { continue }
                if presetContentHash == nil { presetContentHash = header.value }
            default:
                break
            }
            fields.append(Field(name: header.name, lowercased: lowercased, value: header.value))
        }
        if hasDate {
            fields.append(Field(name: "Date", lowercased: "date", value: timestamp.rfc2822))
        } else {
            fields.append(Field(name: "X-Amz-Date", lowercased: "x-amz-date", value: timestamp.dateTime))
        }
        if let token = credentials.sessionToken {
            fields.append(Field(name: "X-Amz-Security-Token", lowercased: "x-amz-security-token", value: token.value))
        }
        if setsContentHash {
            fields.append(Field(name: "X-Amz-Content-SHA256", lowercased: "x-amz-content-sha256", value: payloadHash))
        }

        var canonical = [UInt8]()
        canonical.reserveCapacity(parts.bytes.count * 2 + fields.count * 48 + 300)
        appendMethodAndPath(method: method, parts: parts, into: &canonical)
        if let raw = parts.queryBytes, !raw.isEmpty {
            var query = CanonicalQuery(capacity: raw.count + 16)
            query.addRaw(raw, keepEmptyPairs: true)
            query.appendSorted(into: &canonical)
        }
        canonical.append(UInt8(ascii: "\n"))
        let signedHeaders = Self.appendCanonicalHeaders(fields, parts: parts, into: &canonical)
        canonical.append(UInt8(ascii: "\n"))
        if setsContentHash {
            canonical.append(contentsOf: payloadHash.utf8)
        } else if let presetContentHash {
            canonical.append(contentsOf: presetContentHash.utf8)
        } else if let bodyDigest {
            URIEncoding.hex(bodyDigest, into: &canonical)
        } else {
            canonical.append(contentsOf: payloadHash.utf8)
        }
        var output = Output()
        let mac = finish(canonical: canonical, timestamp: timestamp, details: &output, wantDetails: wantDetails)

        // The Authorization value, written in one allocation.
        let accessKeyId = credentials.accessKeyId
        let length = 28 + accessKeyId.utf8.count + 1 + timestamp.date.utf8.count + scopeSuffix.count + 16 + signedHeaders.count + 12 + 64
        let authorization = String(unsafeUninitializedCapacity: length) { buffer in
            var writer = ByteWriter(buffer)
            writer.write("AWS4-HMAC-SHA256 Credential=" as StaticString)
            writer.write(accessKeyId)
            writer.write(UInt8(ascii: "/"))
            writer.write(timestamp.date)
            writer.write(scopeSuffix)
            writer.write(", SignedHeaders=" as StaticString)
            writer.write(canonical[signedHeaders])
            writer.write(", Signature=" as StaticString)
            writer.writeHex(mac)
            return writer.count
        }
        if wantDetails { output.authorization = authorization }
        var headers = HTTPHeaderFields()
        headers.reserveCapacity(fields.count + 1)
        for field in fields { headers.add(name: field.name, value: field.value) }
        headers.add(name: "Authorization", value: authorization)
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
        var fields: [Field] = []
        fields.reserveCapacity(requestHeaders.count + 1)
        var presetContentHash: String?
        var firstContentType: String?
        for header in requestHeaders {
            let lowercased = URLParts.asciiLowercased(header.name)
            if lowercased == "content-type" && firstContentType == nil { firstContentType = header.value }
            if lowercased == "x-amz-content-sha256" && presetContentHash == nil { presetContentHash = header.value }
            fields.append(Field(name: header.name, lowercased: lowercased, value: header.value))
        }
        // botocore drops the form content type it sets itself (every value of it, when the first
        // is that one); it means nothing in a URL.
        if firstContentType == "application/x-www-form-urlencoded; charset=utf-8" {
            fields.removeAll { $0.lowercased == "content-type" }
        }
        // The header lines, a blank line and the signed-headers list, as they end the canonical request.
        var headerBlock = [UInt8]()
        headerBlock.reserveCapacity(256)
        let signedHeaders = Self.appendCanonicalHeaders(fields, parts: parts, into: &headerBlock)

        // The operation's parameters (re-encoded canonically), then the authentication parameters.
        var query = CanonicalQuery(capacity: (parts.query?.count ?? 0) + 400)
        if let raw = parts.queryBytes { query.addRaw(raw, keepEmptyPairs: false) }
        query.add(name: "X-Amz-Algorithm", value: Self.algorithm)
        query.addCredential(accessKeyId: credentials.accessKeyId, date: timestamp.date, scopeSuffix: scopeSuffix)
        query.add(name: "X-Amz-Date", value: timestamp.dateTime)
        query.add(name: "X-Amz-Expires", value: String(expires))
        query.add(name: "X-Amz-SignedHeaders", value: headerBlock[signedHeaders])
        if let token = credentials.sessionToken {
            query.add(name: "X-Amz-Security-Token", value: token.value)
        }

        let payloadHash = isS3 ? Payload.unsignedLiteral : (presetContentHash ?? Payload.emptySHA256)
        var canonical = [UInt8]()
        canonical.reserveCapacity(headerBlock.count + parts.bytes.count + 600)
        appendMethodAndPath(method: method, parts: parts, into: &canonical)
        query.appendSorted(into: &canonical)
        canonical.append(UInt8(ascii: "\n"))
        canonical.append(contentsOf: headerBlock)
        canonical.append(UInt8(ascii: "\n"))
        canonical.append(contentsOf: payloadHash.utf8)
        var output = Output()
        let mac = finish(canonical: canonical, timestamp: timestamp, details: &output, wantDetails: wantDetails)
        let length = parts.pathEnd + 1 + query.byteCount + 17 + 64
        output.url = String(unsafeUninitializedCapacity: length) { buffer in
            var writer = ByteWriter(buffer)
            writer.write(parts.bytes[0..<parts.pathEnd])
            writer.write(UInt8(ascii: "?"))
            query.writeInOrder(into: &writer)
            writer.write("&X-Amz-Signature=" as StaticString)
            writer.writeHex(mac)
            return writer.count
        }
        return output
    }

    /// Hashes the canonical request, builds the string to sign and signs it. With `wantDetails`,
    /// also fills in the canonical request, the string to sign and the signature as text.
    private func finish(
        canonical: [UInt8], timestamp: SigV4Timestamp, details: inout Output, wantDetails: Bool
    ) -> HashedAuthenticationCode<SHA256> {
        var hasher = SHA256()
        canonical.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let canonicalHash = hasher.finalize()
        var mac = keyCache.hmac(for: timestamp.date)
        // The string to sign is short (about 150 bytes): built on the stack.
        let capacity = 17 + timestamp.dateTime.utf8.count + 1 + timestamp.date.utf8.count + scopeSuffix.count + 1 + 64
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var writer = ByteWriter(buffer)
            writer.write("AWS4-HMAC-SHA256\n" as StaticString)
            writer.write(timestamp.dateTime)
            writer.write(UInt8(ascii: "\n"))
            writer.write(timestamp.date)
            writer.write(scopeSuffix)
            writer.write(UInt8(ascii: "\n"))
            writer.writeHex(canonicalHash)
            mac.update(data: UnsafeRawBufferPointer(writer.written))
            let code = mac.finalize()
            if wantDetails {
                details.canonicalRequest = String(decoding: canonical, as: UTF8.self)
                details.stringToSign = String(decoding: writer.written, as: UTF8.self)
                details.signature = URIEncoding.hex(code)
            }
            return code
        }
    }

    /// Appends the first two lines of the canonical request: the method and the path, each
    /// followed by a line feed.
    private func appendMethodAndPath(method: String, parts: URLParts, into output: inout [UInt8]) {
        for byte in method.utf8 {
            output.append(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte & ~0x20 : byte)
        }
        output.append(UInt8(ascii: "\n"))
        appendCanonicalPath(parts.path, into: &output)
        output.append(UInt8(ascii: "\n"))
    }

    /// The path with dot segments and empty segments removed, then percent-encoded once more
    /// (so `%20` on the wire is `%2520` here), as every service but S3 computes it. S3 signs the
    /// path exactly as sent.
    private func appendCanonicalPath(_ path: ArraySlice<UInt8>, into output: inout [UInt8]) {
        if path.isEmpty {
            output.append(UInt8(ascii: "/"))
            return
        }
        if isS3 {
            output.append(contentsOf: path)
            return
        }
        if Self.needsDotSegmentRemoval(path) {
            URIEncoding.encode(Self.removeDotSegments(path), keepSlash: true, into: &output)
        } else {
            URIEncoding.encode(path, keepSlash: true, into: &output)
        }
    }

    /// Whether the path has `//`, a `.` segment start, or does not start with `/`.
    static func needsDotSegmentRemoval(_ path: ArraySlice<UInt8>) -> Bool {
        guard path.first == UInt8(ascii: "/") else { return true }
        var previous: UInt8 = 0
        for byte in path {
            if previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")) { return true }
            previous = byte
        }
        return false
    }

    /// RFC 3986 §5.2.4, plus the collapsing of repeated slashes that AWS services expect.
    static func removeDotSegments(_ path: ArraySlice<UInt8>) -> [UInt8] {
        var segments: [ArraySlice<UInt8>] = []
        for segment in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if segment.elementsEqual([UInt8(ascii: ".")]) { continue }
            if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        var result: [UInt8] = []
        if path.first == UInt8(ascii: "/") { result.append(UInt8(ascii: "/")) }
        for (index, segment) in segments.enumerated() {
            if index > 0 { result.append(UInt8(ascii: "/")) }
            result.append(contentsOf: segment)
        }
        if path.last == UInt8(ascii: "/") && !segments.isEmpty { result.append(UInt8(ascii: "/")) }
        return result
    }

    /// Appends `name:value[,value…]\n` for each signed header (sorted by name, several values of
    /// one name in their order), a blank line's line feed, and the signed-headers list
    /// (`host;x-amz-date`), which is how the canonical request goes on; returns where that list is
    /// in `output`. A request without a `Host` header signs `host` as the HTTP client will send it.
    static func appendCanonicalHeaders(_ fields: [Field], parts: URLParts, into output: inout [UInt8]) -> Range<Int> {
        var headers = CanonicalHeaders(count: fields.count + 1, bytes: fields.count * 48 + 64)
        for field in fields where !isUnsigned(field.lowercased) {
            headers.add(name: field.lowercased, value: field.value)
        }
        if !headers.hasHost { headers.addHost(of: parts) }
        return headers.append(into: &output)
    }
}
