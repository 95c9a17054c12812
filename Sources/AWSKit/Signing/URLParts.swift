/// The pieces of an absolute URL that SigV4 reads, found by scanning its UTF-8 bytes once
/// instead of going through Foundation's URL parser (slow, and it re-encodes): the `Host` header
/// value, the path and the query exactly as they go on the wire.
struct URLParts: Sendable {
    /// The whole URL.
    let bytes: [UInt8]
    /// Where the path starts (the end of `scheme://authority`).
    let pathStart: Int
    /// Where the path ends.
    let pathEnd: Int
    /// The query without `?`; `nil` when the URL has no `?`.
    let query: Range<Int>?
    /// `host[:port]`, lower-cased, the port only when it is not the scheme's default, IPv6
    /// addresses in brackets; what the HTTP client sends as `Host`.
    let hostHeader: String

    var path: ArraySlice<UInt8> { bytes[pathStart..<pathEnd] }
    var queryBytes: ArraySlice<UInt8>? { query.map { bytes[$0] } }

    /// Splits `url`; returns `nil` when it is not an absolute `scheme://host…` URL.
    init?(_ url: String) {
        let bytes = Array(url.utf8)
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
        var end = bytes.count
        if let hash = bytes[cursor...].firstIndex(of: UInt8(ascii: "#")) { end = hash }
        if let question = bytes[cursor..<end].firstIndex(of: UInt8(ascii: "?")) {
            pathEnd = question
            query = (question + 1)..<end
        } else {
            pathEnd = end
            query = nil
        }
        let scheme = String(decoding: bytes[0..<colon], as: UTF8.self).lowercased()
        guard let host = Self.hostHeader(authority: bytes[authorityStart..<cursor], scheme: scheme) else { return nil }
        hostHeader = host
    }

    /// RFC 3986 `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`. Anything else before `://`
    /// (`#ttps://host/` is a fragment) means the text is not an absolute URL.
    static func isScheme(_ bytes: ArraySlice<UInt8>) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.allSatisfy { byte in
            isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".")
        }
    }

    /// `scheme://authority/path` as a string (what a presigned URL starts with).
    var originAndPath: String { String(decoding: bytes[0..<pathEnd], as: UTF8.self) }

    private static func hostHeader(authority: ArraySlice<UInt8>, scheme: String) -> String? {
        var hostPort = authority
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { hostPort = authority[(at + 1)...] }
        var host: ArraySlice<UInt8>
        var port: ArraySlice<UInt8>?
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
        var result = asciiLowercased(String(decoding: host, as: UTF8.self))
        if let port, !port.isEmpty {
            var number = 0
            for digit in port {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9"), number <= 65535 else { return nil }
                number = number * 10 + Int(digit - UInt8(ascii: "0"))
            }
            guard number <= 65535 else { return nil }
            let isDefault = (number == 443 && scheme == "https") || (number == 80 && scheme == "http")
            if !isDefault { result += ":\(number)" }
        }
        return result
    }

    /// Lower-cases ASCII letters without allocating when there are none (and falls back to
    /// Unicode lower-casing for non-ASCII text).
    static func asciiLowercased(_ text: String) -> String {
        var needsWork = false
        var isASCII = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                isASCII = false
                break
            }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { needsWork = true }
        }
        guard isASCII else { return text.lowercased() }
        guard needsWork else { return text }
        let count = text.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var index = 0
            for byte in text.utf8 {
                buffer[index] = (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
                index += 1
            }
            return count
        }
    }
}
