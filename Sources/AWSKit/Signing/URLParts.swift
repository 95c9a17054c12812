import Foundation

/// The pieces of an absolute URL that SigV4 reads, found by scanning its UTF-8 bytes once
/// instead of going through Foundation's URL parser (slow, and it re-encodes): the `Host` header
/// value, the path and the query exactly as they go on the wire.
///
/// It reads the URL's bytes in place (a `String`'s contiguous UTF-8, through `withUTF8`) rather
/// than copying them: a `URLParts` is valid only inside that closure.
struct URLParts {
    /// The whole URL.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the path starts (the end of `scheme://authority`).
    let pathStart: Int
    /// Where the path ends.
    let pathEnd: Int
    /// The query without `?`; `nil` when the URL has no `?`.
    let query: Range<Int>?
    /// Where the host is in `bytes` (IPv6 addresses with their brackets).
    let host: Range<Int>
    /// The port when it is not the scheme's default.
    let port: Int?

    /// Appends `host[:port]`, lower-cased, the port only when it is not the scheme's default,
    /// IPv6 addresses in brackets: what the HTTP client sends as `Host`. (Bytes rather than a
    /// String: signing writes it on every request.)
    /// At most `hostHeaderBound` bytes.
    func writeHostHeader(into output: inout ByteWriter) {
        let hostBytes = UnsafeBufferPointer(rebasing: bytes[host])
        if hostBytes.allSatisfy({ $0 < 0x80 && $0 &- UInt8(ascii: "A") >= 26 }) {
            output.write(hostBytes)  // the usual case: already lower case, one copy
        } else if hostBytes.allSatisfy({ $0 < 0x80 }) {
            for byte in hostBytes { output.write(byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte) }
        } else {
            // Lower-casing can lengthen a character's UTF-8 (by half at most: two bytes to
            // three), which `hostHeaderBound` allows for.
            output.write(String(decoding: hostBytes, as: UTF8.self).lowercased())
        }
        if let port {
            output.write(UInt8(ascii: ":"))
            output.write(String(port))
        }
    }

    /// An upper bound of what ``writeHostHeader(into:)`` writes.
    var hostHeaderBound: Int { 2 * host.count + 6 }

    var path: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[pathStart..<pathEnd]) }
    var queryBytes: UnsafeBufferPointer<UInt8>? { query.map { UnsafeBufferPointer(rebasing: bytes[$0]) } }

    /// Splits `url`; returns `nil` when it is not an absolute `scheme://host…` URL.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon + 2 < bytes.count,
            bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/"), Self.isScheme(bytes[0..<colon])
        else { return nil }
        let authorityStart = colon + 3
        var cursor = authorityStart
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            cursor += 1
        }
        pathStart = cursor
        // The fragment and the query, found with memchr (the rest of a URL is most of it).
        let base = bytes.baseAddress!
        func find(_ byte: UInt8, from start: Int, to end: Int) -> Int? {
            guard start < end, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        let end = find(UInt8(ascii: "#"), from: cursor, to: bytes.count) ?? bytes.count
        if let question = find(UInt8(ascii: "?"), from: cursor, to: end) {
            pathEnd = question
            query = (question + 1)..<end
        } else {
            pathEnd = end
            query = nil
        }
        // The scheme's default port, which the Host header leaves out.
        let scheme = bytes[0..<colon]
        let defaultPort = Self.isScheme(scheme, "https") ? 443 : Self.isScheme(scheme, "http") ? 80 : nil
        guard let (host, port) = Self.hostAndPort(authority: bytes[authorityStart..<cursor], defaultPort: defaultPort) else { return nil }
        self.host = host
        self.port = port
    }

    /// RFC 3986 `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`. Anything else before `://`
    /// (`#ttps://host/` is a fragment) means the text is not an absolute URL.
    static func isScheme(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.allSatisfy { byte in
            isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".")
        }
    }

    /// Whether `scheme` is `name` (lower-case letters), ignoring ASCII case.
    private static func isScheme(_ scheme: Slice<UnsafeBufferPointer<UInt8>>, _ name: StaticString) -> Bool {
        guard scheme.count == name.utf8CodeUnitCount else { return false }
        let letters = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        var index = 0
        for byte in scheme {
            if byte | 0x20 != letters[index] { return false }  // | 0x20: ASCII lower case, enough to compare with letters
            index += 1
        }
        return true
    }

    /// The host's position and the port when it is not `defaultPort`; `nil` for an empty host or
    /// a port that is not a number up to 65535.
    private static func hostAndPort(authority: Slice<UnsafeBufferPointer<UInt8>>, defaultPort: Int?) -> (Range<Int>, Int?)? {
        var hostPort = authority
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { hostPort = authority[(at + 1)...] }
        var host: Slice<UnsafeBufferPointer<UInt8>>
        var port: Slice<UnsafeBufferPointer<UInt8>>?
        if hostPort.first == UInt8(ascii: "[") {
            guard let close = hostPort.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = hostPort[...close]
            let afterClose = hostPort[(close + 1)...]
            if afterClose.first == UInt8(ascii: ":") { port = afterClose.dropFirst() }
        } else if let colon = hostPort.lastIndex(of: UInt8(ascii: ":")) {
            host = hostPort[..<colon]
            port = hostPort[(colon + 1)...]
        } else {
            host = hostPort
        }
        guard !host.isEmpty else { return nil }
        var explicitPort: Int?
        if let port, !port.isEmpty {
            var number = 0
            for digit in port {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9"), number <= 65535 else { return nil }
                number = number * 10 + Int(digit - UInt8(ascii: "0"))
            }
            guard number <= 65535 else { return nil }
            if number != defaultPort { explicitPort = number }
        }
        return (host.startIndex..<host.endIndex, explicitPort)
    }
}
