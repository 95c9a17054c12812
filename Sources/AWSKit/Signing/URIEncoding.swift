/// Percent-encoding as SigV4 defines it (RFC 3986): every byte except the unreserved characters
/// `A–Z a–z 0–9 - _ . ~` becomes `%XX` with upper-case hex digits. Works on UTF-8 bytes so that the
/// signer's hot path never goes through Foundation.
enum URIEncoding {
    /// A 256-entry table: 1 for unreserved bytes, 2 for `/`, 0 otherwise.
    private static let classes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = 1 }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = 1 }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = 1 }
        for byte in [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~")] { table[Int(byte)] = 1 }
        table[Int(UInt8(ascii: "/"))] = 2
        return table
    }()

    static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)
    static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether `byte` is an RFC 3986 unreserved character.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool { classes[Int(byte)] == 1 }

    /// Appends `bytes` percent-encoded; `/` stays literal when `keepSlash` is set (paths).
    static func encode<S: Sequence<UInt8>>(_ bytes: S, keepSlash: Bool = false, into output: inout [UInt8]) {
        let limit: UInt8 = keepSlash ? 2 : 1
        classes.withUnsafeBufferPointer { table in
            for byte in bytes {
                let kind = table[Int(byte)]
                if kind != 0 && kind <= limit {
                    output.append(byte)
                } else {
                    output.append(UInt8(ascii: "%"))
                    output.append(upperHex[Int(byte >> 4)])
                    output.append(upperHex[Int(byte & 0x0F)])
                }
            }
        }
    }

    /// The percent-encoded form of a string (`/` encoded too), as a query key or value is written.
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        encode(text.utf8, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `%XX` sequences; a `%` not followed by two hex digits stays as it is. `+` is a
    /// literal plus sign (SigV4 never treats it as a space).
    static func decode(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < end, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    /// Decodes then re-encodes a query component, so that any spelling of the same text (`%2f`,
    /// `%2F`, a literal `*`) gives the one canonical form the service computes.
    static func normalizeComponent(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        // Fast path: only unreserved bytes, nothing to do.
        var plain = true
        for byte in bytes where !isUnreserved(byte) {
            plain = false
            break
        }
        if plain {
            output.append(contentsOf: bytes)
            return
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        decode(bytes, into: &decoded)
        encode(decoded, into: &output)
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Lower-case hex of a digest, as SigV4 writes hashes and signatures.
    static func hex<D: Sequence<UInt8>>(_ digest: D, into output: inout [UInt8]) {
        for byte in digest {
            output.append(lowerHex[Int(byte >> 4)])
            output.append(lowerHex[Int(byte & 0x0F)])
        }
    }

    static func hex<D: Sequence<UInt8>>(_ digest: D) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        hex(digest, into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
