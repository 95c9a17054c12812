import AWSKit
import Crypto
import Foundation
import FuzzSupport

/// Independent checks of a SigV4 result: the shape of the canonical request, and the string to
/// sign and signature recomputed from it with swift-crypto (not with the signer's own code).
struct SignatureCheck {
    let signingCase: SigningCase

    var service: String { signingCase.service }
    var region: String { signingCase.region }

    /// `yyyyMMdd'T'HHmmss'Z'` of the case's date, computed with Foundation's calendar.
    var dateTime: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: signingCase.date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T" + pad(parts.hour, 2) + pad(parts.minute, 2) + pad(parts.second, 2) + "Z"
    }

    var scope: String { "\(dateTime.prefix(8))/\(region)/\(service)/aws4_request" }

    /// The lines of a canonical request, split as SigV4 defines them.
    struct Lines {
        var method: Substring
        var path: Substring
        var query: Substring
        var headers: [Substring]
        var signedHeaders: Substring
        var payloadHash: Substring
    }

    /// Splits a canonical request, checking that it has the six parts with an empty line
    /// between the headers and the signed-headers list.
    func lines(of canonical: String) -> Lines {
        let all = canonical.split(separator: "\n", omittingEmptySubsequences: false)
        invariant(all.count >= 6, "a canonical request has at least 6 lines, got \(all.count): \(canonical.debugDescription)")
        invariant(all[all.count - 3].isEmpty, "the headers end with an empty line: \(canonical.debugDescription)")
        return Lines(
            method: all[0], path: all[1], query: all[2], headers: Array(all[3..<(all.count - 3)]),
            signedHeaders: all[all.count - 2], payloadHash: all[all.count - 1])
    }

    /// Every invariant of a canonical request and its signature.
    func checkCanonical(_ details: SigV4Signer.SigningDetails) -> Lines {
        let parts = lines(of: details.canonicalRequest)
        let method = String(decoding: signingCase.request.method.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
        invariant(parts.method == method, "the method line is the method, ASCII upper-cased: \(parts.method.debugDescription) for \(method.debugDescription)")
        invariant(parts.path.hasPrefix("/"), "the canonical path is absolute: \(parts.path.debugDescription)")
        if service != "s3" {
            invariant(Self.isEncoded(parts.path, allowing: UInt8(ascii: "/")), "the canonical path is RFC 3986-encoded: \(parts.path.debugDescription)")
            invariant(!parts.path.contains("//"), "the canonical path has no empty segment: \(parts.path.debugDescription)")
        }
        checkQuery(parts.query)
        checkHeaders(parts)
        let expectedStringToSign = "AWS4-HMAC-SHA256\n\(dateTime)\n\(scope)\n\(Self.hex(SHA256.hash(data: Data(details.canonicalRequest.utf8))))"
        invariant(
            details.stringToSign == expectedStringToSign,
            "the string to sign is the algorithm, time, scope and the canonical request's hash: \(details.stringToSign.debugDescription) "
                + "!= \(expectedStringToSign.debugDescription)")
        let signature = recomputedSignature(expectedStringToSign)
        invariant(details.signature == signature, "the signature recomputed with swift-crypto agrees: \(details.signature) != \(signature)")
        invariant(Self.isLowerHex(details.signature, count: 64), "the signature is 64 lower-case hex digits: \(details.signature)")
        return parts
    }

    /// The query line: `key=value` pairs, each RFC 3986-encoded, sorted by key then value.
    func checkQuery(_ query: Substring) {
        guard !query.isEmpty else { return }
        var previous: (key: [UInt8], value: [UInt8])?
        for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            invariant(halves.count == 2, "every canonical query parameter has '=': \(pair.debugDescription) in \(query.debugDescription)")
            invariant(
                Self.isEncoded(halves[0], allowing: nil) && Self.isEncoded(halves[1], allowing: nil),
                "every query byte is RFC 3986-encoded: \(pair.debugDescription)")
            let current = (key: Array(halves[0].utf8), value: Array(halves[1].utf8))
            if let previous {
                let ordered =
                    previous.key.lexicographicallyPrecedes(current.key)
                    || (previous.key == current.key && !current.value.lexicographicallyPrecedes(previous.value))
                invariant(ordered, "the canonical query is sorted by key, then value: \(query.debugDescription)")
            }
            previous = current
        }
    }

    /// The header lines: lower-case names, sorted, unique, with `host`; values trimmed and
    /// folded; the signed-headers line lists exactly these names.
    func checkHeaders(_ parts: Lines) {
        var names: [Substring] = []
        for line in parts.headers {
            guard let colon = line.firstIndex(of: ":") else {
                invariant(false, "a canonical header line is name:value: \(line.debugDescription)")
                return
            }
            let name = line[..<colon]
            let value = line[line.index(after: colon)...]
            invariant(!name.isEmpty && name.utf8.allSatisfy { SigningCase.isTokenByte($0) && !(0x41...0x5A).contains($0) }, "header names are lower-case tokens: \(name.debugDescription)")
            invariant(value.first != " " && value.last != " " && !value.contains("  "), "header values are trimmed and folded: \(value.debugDescription)")
            if let last = names.last {
                invariant(Array(last.utf8).lexicographicallyPrecedes(Array(name.utf8)), "header names are sorted and unique: \(last) then \(name)")
            }
            names.append(name)
        }
        invariant(names.contains("host"), "the host header is always signed: \(names)")
        invariant(parts.signedHeaders == names.joined(separator: ";"), "the signed headers are the canonical headers' names: \(parts.signedHeaders) vs \(names)")
        let unsigned: Set<Substring> = ["user-agent", "connection", "expect", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "x-amzn-trace-id"]
        invariant(names.allSatisfy { !unsigned.contains($0) }, "headers that proxies rewrite are never signed: \(names)")
    }

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")` over the string to sign.
    func recomputedSignature(_ stringToSign: String) -> String {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
        }
        var key = SymmetricKey(data: Data("AWS4\(SigningCase.secretAccessKey)".utf8))
        for part in [String(dateTime.prefix(8)), region, service, "aws4_request"] { key = hmac(key, part) }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// Whether every byte is unreserved, `%XX` with upper-case hex digits, or `allowing`.
    static func isEncoded(_ text: Substring, allowing extra: UInt8?) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isUpperHex(bytes[index + 1]), isUpperHex(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            let unreserved =
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
            guard unreserved || byte == extra else { return false }
            index += 1
        }
        return true
    }

    static func isUpperHex(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) }

    static func isLowerHex(_ text: some StringProtocol, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
