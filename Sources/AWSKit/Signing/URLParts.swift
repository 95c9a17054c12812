/// The pieces of an absolute URL that SigV4 reads, split without Foundation's URL parser (which
/// is slow and re-encodes): the scheme, the `Host` header value, the path and the query exactly
/// as they will go on the wire.
struct URLParts: Sendable {
    var scheme: Substring
    /// `host[:port]`, lower-cased, the port only when it is not the scheme's default, IPv6
    /// addresses in brackets; what the HTTP client sends as `Host`.
    var hostHeader: String
    /// Everything before the path: `scheme://authority`.
    var origin: Substring
    /// The raw (percent-encoded) path; may be empty.
    var path: Substring
    /// The raw query without `?`; `nil` when the URL has no `?`.
    var query: Substring?
    /// The fragment with its `#`, or empty.
    var fragment: Substring

    /// Splits `url`; returns `nil` when it is not an absolute `scheme://host…` URL.
    init?(_ url: String) {
        guard let schemeEnd = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let afterScheme = url.utf8.index(after: schemeEnd)
        guard url.utf8[afterScheme...].starts(with: "//".utf8) else { return nil }
        scheme = url[..<schemeEnd]
        let authorityStart = url.utf8.index(afterScheme, offsetBy: 2)
        var cursor = authorityStart
        while cursor < url.utf8.endIndex {
            let byte = url.utf8[cursor]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            cursor = url.utf8.index(after: cursor)
        }
        let authority = url[authorityStart..<cursor]
        origin = url[..<cursor]
        let rest = url[cursor...]
        var beforeFragment = rest
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = rest[hash...]
            beforeFragment = rest[..<hash]
        } else {
            fragment = rest[rest.endIndex...]
        }
        if let question = beforeFragment.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = beforeFragment[..<question]
            query = beforeFragment[beforeFragment.utf8.index(after: question)...]
        } else {
            path = beforeFragment
            query = nil
        }
        guard let host = Self.hostHeader(authority: authority, scheme: scheme) else { return nil }
        hostHeader = host
    }

    private static func hostHeader(authority: Substring, scheme: Substring) -> String? {
        var hostPort = authority
        if let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) {
            hostPort = authority[authority.utf8.index(after: at)...]
        }
        var host: Substring
        var port: Substring?
        if hostPort.utf8.first == UInt8(ascii: "[") {
            guard let close = hostPort.utf8.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = hostPort[...close]
            let afterClose = hostPort[hostPort.utf8.index(after: close)...]
            if afterClose.utf8.first == UInt8(ascii: ":") { port = afterClose.dropFirst() }
        } else if let colon = hostPort.utf8.lastIndex(of: UInt8(ascii: ":")) {
            host = hostPort[..<colon]
            port = hostPort[hostPort.utf8.index(after: colon)...]
        } else {
            host = hostPort
        }
        guard !host.isEmpty else { return nil }
        var result = Self.asciiLowercased(host)
        if let port, !port.isEmpty {
            guard let number = Int(port), (0...65535).contains(number) else { return nil }
            let isDefault = (number == 443 && scheme.lowercased() == "https") || (number == 80 && scheme.lowercased() == "http")
            if !isDefault { result += ":\(number)" }
        }
        return result
    }

    static func asciiLowercased<S: StringProtocol>(_ text: S) -> String {
        var needsWork = false
        for byte in text.utf8 where byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") || byte >= 0x80 {
            needsWork = true
            break
        }
        return needsWork ? text.lowercased() : String(text)
    }
}
