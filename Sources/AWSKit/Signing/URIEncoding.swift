import Foundation

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

    static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Calls `body` with a 256-entry table of whether each byte is an RFC 3986 unreserved
    /// character (read through a pointer: a loop over bytes then reads the table directly
    /// instead of going through the global's accessor for every byte).
    static func withUnreservedTable<R>(_ body: (UnsafeBufferPointer<Bool>) throws -> R) rethrows -> R {
        try unreserved.withUnsafeBufferPointer(body)
    }

    private static let unreserved: [Bool] = classes.map { $0 == 1 }

    /// Writes `buffer` percent-encoded (at most three bytes per byte); `/` stays literal when
    /// `keepSlash` is set (paths). Runs of bytes that need no encoding are copied in one piece.
    static func encode(_ buffer: UnsafeBufferPointer<UInt8>, keepSlash: Bool, into writer: inout ByteWriter) {
        let limit: UInt8 = keepSlash ? 2 : 1
        classes.withUnsafeBufferPointer { table in
            var runStart = 0
            var index = 0
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                let kind = table[Int(byte)]
                if kind != 0 && kind <= limit {
                    index += 1
                    continue
                }
                if runStart < index { writer.write(UnsafeBufferPointer(rebasing: buffer[runStart..<index])) }
                writePercentEncoded(byte, into: &writer)
                index += 1
                runStart = index
            }
            if runStart < count { writer.write(UnsafeBufferPointer(rebasing: buffer[runStart..<count])) }
        }
    }

    /// Writes the UTF-8 of `text` percent-encoded, `/` included (three bytes per byte at most).
    static func encode(_ text: some StringProtocol, into writer: inout ByteWriter) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { encode($0, keepSlash: false, into: &writer) }
        if done == nil { encode(Array(text.utf8), into: &writer) }  // a bridged or non-contiguous string
    }

    /// Writes `bytes` percent-encoded, `/` included.
    static func encode(_ bytes: [UInt8], into writer: inout ByteWriter) {
        bytes.withUnsafeBufferPointer { encode($0, keepSlash: false, into: &writer) }
    }

    /// Writes `%XX` for `byte`, upper-case hex digits.
    @inline(__always)
    static func writePercentEncoded(_ byte: UInt8, into writer: inout ByteWriter) {
        writer.write(UInt8(ascii: "%"))
        writer.write(upperHexDigit(byte >> 4))
        writer.write(upperHexDigit(byte & 0x0F))
    }

    /// The upper-case hex digit of a value 0…15.
    @inline(__always)
    static func upperHexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") - 10 + value
    }

    /// The percent-encoded form of a string (`/` encoded too), as a query key or value is written.
    static func encode(_ text: String) -> String {
        String(unsafeUninitializedCapacity: 3 * text.utf8.count) { buffer in
            var writer = ByteWriter(buffer)
            encode(text, into: &writer)
            return writer.count
        }
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

    /// The lower-case hex digit of a value 0…15.
    @inline(__always)
    static func lowerHexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value
    }

    /// Lower-case hex of a digest, as SigV4 writes hashes and signatures.
    static func hex<D: ContiguousBytes>(_ digest: D) -> String {
        digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
                lowerHex.withUnsafeBufferPointer { digits in
                    for (index, byte) in bytes.enumerated() {
                        buffer[2 * index] = digits[Int(byte >> 4)]
                        buffer[2 * index + 1] = digits[Int(byte & 0x0F)]
                    }
                }
                return bytes.count * 2
            }
        }
    }
}
