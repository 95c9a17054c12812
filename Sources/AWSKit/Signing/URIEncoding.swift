import Foundation

/// Percent-encoding as SigV4 defines it (RFC 3986): every byte except the unreserved characters
/// `A–Z a–z 0–9 - _ . ~` becomes `%XX` with upper-case hex digits. Works on UTF-8 bytes so that the
/// signer's hot path never goes through Foundation.
enum URIEncoding {
    /// Whether `byte` is an RFC 3986 unreserved character (`A–Z a–z 0–9 - _ . ~`). Two 64-bit
    /// masks, one bit per ASCII byte, instead of a table: no global to reach (a global array
    /// costs a lazy-initialisation check and a retain per use) and no branch per class.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0x03FF_6000_0000_0000  // bytes 0–63: `-` `.` `0–9`
        let high: UInt64 = 0x47FF_FFFE_87FF_FFFE  // bytes 64–127: `A–Z` `_` `a–z` `~`
        let mask = byte < 64 ? low : high
        return byte < 128 && (mask >> UInt64(byte & 63)) & 1 == 1
    }

    /// Writes `buffer` percent-encoded (at most three bytes per byte); `/` stays literal when
    /// `keepSlash` is set (paths). Room for the worst case is checked once; the loop then writes
    /// through a pointer.
    static func encode(_ buffer: UnsafeBufferPointer<UInt8>, keepSlash: Bool, into writer: inout ByteWriter) {
        guard !buffer.isEmpty else { return }
        let output = writer.reserve(3 * buffer.count)
        var written = 0
        for byte in buffer {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                output[written] = byte
                written += 1
            } else {
                writePercentEncoded(byte, to: output + written)
                written += 3
            }
        }
        writer.advance(by: written)
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
        writePercentEncoded(byte, to: writer.reserve(3))
        writer.advance(by: 3)
    }

    /// Stores `%XX` for `byte` at `output` (three bytes).
    @inline(__always)
    static func writePercentEncoded(_ byte: UInt8, to output: UnsafeMutablePointer<UInt8>) {
        output[0] = UInt8(ascii: "%")
        output[1] = upperHexDigit(byte >> 4)
        output[2] = upperHexDigit(byte & 0x0F)
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

    /// Lower-case hex of a digest, as SigV4 writes hashes and signatures.
    static func hex<D: ContiguousBytes>(_ digest: D) -> String {
        let count = digest.withUnsafeBytes { $0.count }
        return String(unsafeUninitializedCapacity: 2 * count) { buffer in
            var writer = ByteWriter(buffer)
            writer.writeHex(digest)
            return writer.count
        }
    }
}
