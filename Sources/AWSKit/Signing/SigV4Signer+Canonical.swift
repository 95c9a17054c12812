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

    /// Whether a (lower-cased) header is one that proxies and HTTP clients add, drop or rewrite,
    /// which botocore never signs: connection, expect, keep-alive, proxy-authenticate,
    /// proxy-authorization, te, trailer, transfer-encoding, upgrade, user-agent, x-amzn-trace-id.
    @inline(__always)
    static func isUnsigned(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        switch name.count {
        case 2: return name.equals("te")
        case 6: return name.equals("expect")
        case 7: return name.equals("trailer") || name.equals("upgrade")
        case 10: return name.equals("connection") || name.equals("keep-alive") || name.equals("user-agent")
        case 15: return name.equals("x-amzn-trace-id")
        case 17: return name.equals("transfer-encoding")
        case 18: return name.equals("proxy-authenticate")
        case 19: return name.equals("proxy-authorization")
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
    ///
    /// The canonical request is written into one temporary buffer (on the stack unless it is
    /// large), sized from an upper bound computed first, together with the scratch space for
    /// the headers and the query; the only allocations are the ones the caller keeps (the
    /// `Authorization` value, the rewritten header list) and swift-crypto's hash states.
    func signHeaders(
        method: String, url urlString: String, headers requestHeaders: inout HTTPHeaderFields, body: Data?,
        timestamp: SigV4Timestamp, payload: Payload, wantDetails: Bool
    ) throws -> Output {
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
        let token = credentials.sessionToken?.value

        var urlText = urlString
        return try urlText.withUTF8 { urlBytes in
            guard let parts = URLParts(urlBytes) else {
                throw SigV4Error(.invalidURL, "the request URL is not absolute; give it a scheme and a host, as in https://sts.us-east-1.amazonaws.com/")
            }
            // Upper bounds of what is written, from which the buffers are sized.
            var headerCount = 4  // what signing adds: a date, the token, the content hash; and host
            var headerScratch = 4 + parts.hostHeaderBound + 64  // host; x-amz-date (26 bytes) or date (35 bytes)
            headerScratch += 20 + (token?.utf8.count ?? 0) + 20 + payloadHash.utf8.count
            for header in requestHeaders {
                headerCount += 1
                headerScratch += CanonicalHeaders.scratchBound(name: header.name, value: header.value)
            }
            let rawQuery = parts.queryBytes
            let queryPairs = CanonicalQuery.pairBound(rawQuery: rawQuery)
            let queryScratch = CanonicalQuery.scratchBound(rawQuery: rawQuery, pairs: queryPairs)
            let canonicalBound =
                method.utf8.count + 1 + Self.canonicalPathBound(parts.path) + 1
                + queryScratch + 1  // the query, as long as its scratch at most
                + 2 * headerScratch + 3 * headerCount + 1 + 1
                + 64 + payloadHash.utf8.count + headerScratch  // the payload hash, or a preset X-Amz-Content-SHA256 value

            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: canonicalBound + headerScratch + queryScratch) { bytes in
                withUnsafeTemporaryAllocation(of: ByteRangeList.Entry.self, capacity: headerCount + queryPairs) { entries in
                    var canonical = ByteWriter(UnsafeMutableBufferPointer(rebasing: bytes[0..<canonicalBound]))
                    var headers = CanonicalHeaders(
                        scratch: UnsafeMutableBufferPointer(rebasing: bytes[canonicalBound..<(canonicalBound + headerScratch)]),
                        headers: UnsafeMutableBufferPointer(rebasing: entries[0..<headerCount]))

                    // One pass over the request's headers: drop what signing replaces, as botocore
                    // does (Authorization; X-Amz-Date, or a Date header rewritten; the session token;
                    // the content hash when the signer sets it), keep the rest for the request and,
                    // unless proxies rewrite them, for the signature.
                    var rewritten = HTTPHeaderFields()
                    rewritten.reserveCapacity(requestHeaders.count + 4)
                    var hasDate = false
                    var presetContentHash: String?
                    for header in requestHeaders {
                        let name = headers.beginHeader(name: header.name)
                        if name.equals("authorization") || name.equals("x-amz-date") {
                            headers.discardName()
                            continue
                        } else if name.equals("date") {
                            hasDate = true
                            headers.discardName()
                            continue
                        } else if token != nil && name.equals("x-amz-security-token") {
                            headers.discardName()
                            continue
                        } else if name.equals("x-amz-content-sha256") {
                            if setsContentHash {
                                headers.discardName()
                                continue
                            }
                            if presetContentHash == nil { presetContentHash = header.value }
                        }
                        rewritten.add(name: header.name, value: header.value)
                        if Self.isUnsigned(name) {
                            headers.discardName()
                        } else {
                            headers.commit(value: header.value)
                        }
                    }
                    if hasDate {
                        let value = timestamp.rfc2822
                        rewritten.add(name: "Date", value: value)
                        headers.add(lowercasedName: "date", value: value)
                    } else {
                        rewritten.add(name: "X-Amz-Date", value: timestamp.dateTime)
                        headers.add(lowercasedName: "x-amz-date", value: timestamp.dateTime)
                    }
                    if let token {
                        rewritten.add(name: "X-Amz-Security-Token", value: token)
                        headers.add(lowercasedName: "x-amz-security-token", value: token)
                    }
                    if setsContentHash {
                        rewritten.add(name: "X-Amz-Content-SHA256", value: payloadHash)
                        headers.add(lowercasedName: "x-amz-content-sha256", value: payloadHash)
                    }
                    if !headers.hasHost { headers.addHost(of: parts) }

                    writeMethodAndPath(method: method, parts: parts, into: &canonical)
                    if let rawQuery, !rawQuery.isEmpty {
                        var query = CanonicalQuery(
                            scratch: UnsafeMutableBufferPointer(rebasing: bytes[(canonicalBound + headerScratch)...]),
                            pairs: UnsafeMutableBufferPointer(rebasing: entries[headerCount...]))
                        query.addRaw(rawQuery, keepEmptyPairs: true)
                        query.sortAndWrite(into: &canonical)
                    }
                    canonical.write(UInt8(ascii: "\n"))
                    let signedHeaders = headers.sortAndWrite(into: &canonical)
                    canonical.write(UInt8(ascii: "\n"))
                    if setsContentHash {
                        canonical.write(payloadHash)
                    } else if let presetContentHash {
                        canonical.write(presetContentHash)
                    } else if let bodyDigest {
                        canonical.writeHex(bodyDigest)
                    } else {
                        canonical.write(payloadHash)
                    }
                    var output = Output()
                    let mac = finish(canonical: canonical.written, timestamp: timestamp, details: &output, wantDetails: wantDetails)

                    // The Authorization value, written in one allocation.
                    let accessKeyId = credentials.accessKeyId
                    let length =
                        28 + accessKeyId.utf8.count + 1 + timestamp.date.utf8.count + scopeSuffix.count + 16 + signedHeaders.count + 12 + 64
                    let authorization = String(unsafeUninitializedCapacity: length) { buffer in
                        var writer = ByteWriter(buffer)
                        writer.write("AWS4-HMAC-SHA256 Credential=" as StaticString)
                        writer.write(accessKeyId)
                        writer.write(UInt8(ascii: "/"))
                        writer.write(timestamp.date)
                        writer.write(scopeSuffix)
                        writer.write(", SignedHeaders=" as StaticString)
                        writer.write(canonical.bytes(signedHeaders))
                        writer.write(", Signature=" as StaticString)
                        writer.writeHex(mac)
                        return writer.count
                    }
                    if wantDetails { output.authorization = authorization }
                    rewritten.add(name: "Authorization", value: authorization)
                    requestHeaders = rewritten
                    return output
                }
            }
        }
    }

    func presignCore(_ request: HTTPRequest, expires: Int, timestamp: SigV4Timestamp, wantDetails: Bool) throws -> Output {
        try presignCore(
            method: request.method, url: request.url.absoluteString, headers: request.headers, expires: expires, timestamp: timestamp,
            wantDetails: wantDetails)
    }

    /// Presigning of a request given as a raw URL string. Like header signing, it writes the
    /// canonical request, the header and query scratch and the presigned URL's query into one
    /// temporary buffer sized from an upper bound; the URL is the one allocation it keeps.
    func presignCore(
        method: String, url urlString: String, headers requestHeaders: HTTPHeaderFields, expires: Int, timestamp: SigV4Timestamp,
        wantDetails: Bool
    ) throws -> Output {
        guard (1...Self.maximumPresignedLifetime).contains(expires) else {
            throw SigV4Error(.invalidExpiry, "a presigned URL lives 1 to \(Self.maximumPresignedLifetime) seconds (7 days), not \(expires); pick a lifetime in that range")
        }
        let token = credentials.sessionToken?.value
        var urlText = urlString
        return try urlText.withUTF8 { urlBytes in
            guard let parts = URLParts(urlBytes) else {
                throw SigV4Error(.invalidURL, "the request URL is not absolute; give it a scheme and a host, as in https://sts.us-east-1.amazonaws.com/")
            }
            // Upper bounds of what is written, from which the buffers are sized.
            var headerCount = 1  // and host
            var headerScratch = 4 + parts.hostHeaderBound
            for header in requestHeaders {
                headerCount += 1
                headerScratch += CanonicalHeaders.scratchBound(name: header.name, value: header.value)
            }
            let headerBlockBound = 2 * headerScratch + 3 * headerCount + 1
            let rawQuery = parts.queryBytes
            let queryPairs = CanonicalQuery.pairBound(rawQuery: rawQuery) + 6  // and the authentication parameters
            // The authentication parameters' names (98 bytes), then their values, encoded: the
            // algorithm (16), credential, date (16), lifetime (at most 6 digits), signed headers
            // (a list of the header names) and token.
            let credentialLength = credentials.accessKeyId.utf8.count + 1 + timestamp.date.utf8.count + scopeSuffix.count
            let queryScratch =
                CanonicalQuery.scratchBound(rawQuery: rawQuery, pairs: queryPairs) + 98
                + 3 * (16 + credentialLength + 16 + 6 + headerScratch + headerCount + (token?.utf8.count ?? 0))
            let queryText = queryScratch  // key=value&…, as long as its scratch at most
            let canonicalBound =
                method.utf8.count + 1 + Self.canonicalPathBound(parts.path) + 1 + queryText + 1 + headerBlockBound + 1
                + 64 + headerScratch  // the payload hash, or a preset X-Amz-Content-SHA256 value
            let byteCount = canonicalBound + headerScratch + headerBlockBound + queryScratch + queryText

            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCount) { bytes in
                withUnsafeTemporaryAllocation(of: ByteRangeList.Entry.self, capacity: headerCount + queryPairs) { entries in
                    var offset = 0
                    func region(_ count: Int) -> UnsafeMutableBufferPointer<UInt8> {
                        defer { offset += count }
                        return UnsafeMutableBufferPointer(rebasing: bytes[offset..<(offset + count)])
                    }
                    var canonical = ByteWriter(region(canonicalBound))
                    var headers = CanonicalHeaders(scratch: region(headerScratch), headers: UnsafeMutableBufferPointer(rebasing: entries[0..<headerCount]))
                    var headerBlock = ByteWriter(region(headerBlockBound))
                    var query = CanonicalQuery(scratch: region(queryScratch), pairs: UnsafeMutableBufferPointer(rebasing: entries[headerCount...]))
                    var orderedQuery = ByteWriter(region(queryText))

                    var presetContentHash: String?
                    var firstContentType: String?
                    for header in requestHeaders {
                        let name = headers.beginHeader(name: header.name)
                        if firstContentType == nil && name.equals("content-type") { firstContentType = header.value }
                        if presetContentHash == nil && name.equals("x-amz-content-sha256") { presetContentHash = header.value }
                        if Self.isUnsigned(name) {
                            headers.discardName()
                        } else {
                            headers.commit(value: header.value)
                        }
                    }
                    // botocore drops the form content type it sets itself (every value of it, when
                    // the first is that one); it means nothing in a URL.
                    if firstContentType == "application/x-www-form-urlencoded; charset=utf-8" {
                        headers.remove(lowercasedName: "content-type")
                    }
                    if !headers.hasHost { headers.addHost(of: parts) }
                    // The header lines, a blank line and the signed-headers list, as they end the
                    // canonical request.
                    let signedHeaders = headers.sortAndWrite(into: &headerBlock)

                    // The operation's parameters (re-encoded canonically), then the authentication parameters.
                    if let rawQuery { query.addRaw(rawQuery, keepEmptyPairs: false) }
                    query.add(name: "X-Amz-Algorithm", value: Self.algorithm)
                    query.addCredential(accessKeyId: credentials.accessKeyId, date: timestamp.date, scopeSuffix: scopeSuffix)
                    query.add(name: "X-Amz-Date", value: timestamp.dateTime)
                    query.add(name: "X-Amz-Expires", value: String(expires))
                    query.add(name: "X-Amz-SignedHeaders", value: headerBlock.bytes(signedHeaders))
                    if let token { query.add(name: "X-Amz-Security-Token", value: token) }
                    // The URL keeps the parameters' order; the canonical request sorts them.
                    query.writeInOrder(into: &orderedQuery)

                    writeMethodAndPath(method: method, parts: parts, into: &canonical)
                    query.sortAndWrite(into: &canonical)
                    canonical.write(UInt8(ascii: "\n"))
                    canonical.write(headerBlock.written)
                    canonical.write(UInt8(ascii: "\n"))
                    canonical.write(isS3 ? Payload.unsignedLiteral : (presetContentHash ?? Payload.emptySHA256))
                    var output = Output()
                    let mac = finish(canonical: canonical.written, timestamp: timestamp, details: &output, wantDetails: wantDetails)
                    let length = parts.pathEnd + 1 + orderedQuery.count + 17 + 64
                    output.url = String(unsafeUninitializedCapacity: length) { buffer in
                        var writer = ByteWriter(buffer)
                        writer.write(UnsafeBufferPointer(rebasing: urlBytes[0..<parts.pathEnd]))
                        writer.write(UInt8(ascii: "?"))
                        writer.write(orderedQuery.written)
                        writer.write("&X-Amz-Signature=" as StaticString)
                        writer.writeHex(mac)
                        return writer.count
                    }
                    return output
                }
            }
        }
    }

    /// Hashes the canonical request, builds the string to sign and signs it. With `wantDetails`,
    /// also fills in the canonical request, the string to sign and the signature as text.
    private func finish(
        canonical: UnsafeBufferPointer<UInt8>, timestamp: SigV4Timestamp, details: inout Output, wantDetails: Bool
    ) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bufferPointer: UnsafeRawBufferPointer(canonical))
        let canonicalHash = hasher.finalize()
        let key = keyCache.hmac(for: timestamp.date)
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
            let code = key.authenticationCode(for: UnsafeRawBufferPointer(writer.written))
            if wantDetails {
                details.canonicalRequest = String(decoding: canonical, as: UTF8.self)
                details.stringToSign = String(decoding: writer.written, as: UTF8.self)
                details.signature = URIEncoding.hex(code)
            }
            return code
        }
    }

    /// Writes the first two lines of the canonical request: the method (upper-cased ASCII
    /// letters, as many bytes as given) and the path (``canonicalPathBound(_:)`` bytes at most),
    /// each followed by a line feed.
    private func writeMethodAndPath(method: String, parts: URLParts, into output: inout ByteWriter) {
        for byte in method.utf8 {
            output.write(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte & ~0x20 : byte)
        }
        output.write(UInt8(ascii: "\n"))
        writeCanonicalPath(parts.path, into: &output)
        output.write(UInt8(ascii: "\n"))
    }

    /// An upper bound of the canonical path's length: dot-segment removal only shortens a path
    /// (or makes an empty one `/`), and each byte encodes to three at most.
    static func canonicalPathBound(_ path: UnsafeBufferPointer<UInt8>) -> Int { 3 * path.count + 1 }

    /// The path with dot segments and empty segments removed, then percent-encoded once more
    /// (so `%20` on the wire is `%2520` here), as every service but S3 computes it. S3 signs the
    /// path exactly as sent.
    private func writeCanonicalPath(_ path: UnsafeBufferPointer<UInt8>, into output: inout ByteWriter) {
        if path.isEmpty {
            output.write(UInt8(ascii: "/"))
        } else if isS3 {
            output.write(path)
        } else if Self.needsDotSegmentRemoval(path) {
            Self.writeWithoutDotSegments(path, into: &output)
        } else {
            URIEncoding.encode(path, keepSlash: true, into: &output)
        }
    }

    /// Whether the path has `//`, a `.` segment start, or does not start with `/`.
    static func needsDotSegmentRemoval(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard path.first == UInt8(ascii: "/") else { return true }
        var previous: UInt8 = 0
        for byte in path {
            if previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")) { return true }
            previous = byte
        }
        return false
    }

    /// RFC 3986 §5.2.4, plus the collapsing of repeated slashes that AWS services expect, with
    /// each kept segment percent-encoded as it is written. `..` takes back the segment written
    /// last (an encoded segment holds no `/`, so it starts after the last `/` written).
    static func writeWithoutDotSegments(_ path: UnsafeBufferPointer<UInt8>, into output: inout ByteWriter) {
        let start = output.count
        if path.first == UInt8(ascii: "/") { output.write(UInt8(ascii: "/")) }
        var kept = 0
        var segmentStart = 0
        while segmentStart < path.count {
            var segmentEnd = segmentStart
            while segmentEnd < path.count && path[segmentEnd] != UInt8(ascii: "/") { segmentEnd += 1 }
            let segment = UnsafeBufferPointer(rebasing: path[segmentStart..<segmentEnd])
            segmentStart = segmentEnd + 1
            if segment.isEmpty || segment.equals(".") { continue }
            if segment.equals("..") {
                guard kept > 0 else { continue }
                var end = output.count
                while end > start && output[end - 1] != UInt8(ascii: "/") { end -= 1 }
                if kept > 1 { end -= 1 }  // and the slash that joined it to the one before
                output.truncate(to: end)
                kept -= 1
                continue
            }
            if kept > 0 { output.write(UInt8(ascii: "/")) }
            URIEncoding.encode(segment, keepSlash: true, into: &output)
            kept += 1
        }
        if path.last == UInt8(ascii: "/") && kept > 0 { output.write(UInt8(ascii: "/")) }
    }
}
