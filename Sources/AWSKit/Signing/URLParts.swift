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
            bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
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
        // The scheme's default port, which the Host header leaves out.
        let scheme = bytes[0..<colon].lazy.map { $0 | 0x20 }  // ASCII lower case (enough to compare with letters)
        let defaultPort = scheme.elementsEqual("https".utf8) ? 443 : scheme.elementsEqual("http".utf8) ? 80 : nil
        guard let host = Self.hostHeader(authority: bytes[authorityStart..<cursor], defaultPort: defaultPort) else { return nil }
        hostHeader = host
    }

    /// `scheme://authority/path` as a string (what a presigned URL starts with).
    var originAndPath: String { String(decoding: bytes[0..<pathEnd], as: UTF8.self) }

    private static func hostHeader(authority: ArraySlice<UInt8>, defaultPort: Int?) -> String? {
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
            if number != defaultPort { result += ":\(number)" }
        }
        return result
    }

    /// Lower-cases ASCII letters without allocating when there are none (and falls back to
    /// Unicode lower-casing for non-ASCII text).
    static func asciiLowercased(_ text: String) -> String {
        var utf8 = text
        // nil: nothing to lower-case; "" (never a real result here): not ASCII.
        let lowered: String? = utf8.withUTF8 { bytes in
            var needsWork = false
            for byte in bytes {
                if byte >= 0x80 { return "" }
                if byte &- UInt8(ascii: "A") < 26 { needsWork = true }
            }
            guard needsWork else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    buffer[index] = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
                }
                return bytes.count
            }
        }
        guard let lowered else { return text }
        return lowered.isEmpty ? text.lowercased() : lowered
    }
}
