import Crypto
import Foundation
import Testing

@testable import AWSKit
@testable import KubeSandbox  // SplitMix64, the sandbox's seedable generator: failures reproduce

/// The signer's fast building blocks against plain references: swift-crypto's `HMAC`, the
/// RFC 3986 character set written out, `String(format:)`, and lexicographic order of byte arrays.
struct SigningPrimitivesTests {
    /// PreparedHMAC is HMAC-SHA256: equal to swift-crypto's for keys shorter than, equal to and
    /// longer than the 64-byte block (a long key is hashed first) and messages around the
    /// lengths where SHA-256's padding needs another block.
    @Test func preparedHMACMatchesSwiftCrypto() {
        var generator = SplitMix64(seed: 7)
        for keyLength in [0, 1, 20, 32, 63, 64, 65, 100, 128, 129] {
            let key = (0..<keyLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let prepared = PreparedHMAC(key: key)
            for messageLength in [0, 1, 55, 56, 63, 64, 65, 119, 120, 134, 500] {
                let message = (0..<messageLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
                let ours = message.withUnsafeBytes { Array(prepared.authenticationCode(for: $0)) }
                let reference = Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
                #expect(ours == reference, "key \(keyLength) bytes, message \(messageLength) bytes")
            }
        }
    }

    /// The two masks behind isUnreserved say yes for exactly RFC 3986's unreserved characters.
    @Test func unreservedMasksAreRFC3986() {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(URIEncoding.isUnreserved(byte) == unreserved.contains(byte), "byte \(byte)")
        }
    }

    /// Percent-encoding of every byte value, alone and in a run, against the definition.
    @Test func encodingOfEveryByte() {
        func reference(_ bytes: [UInt8], keepSlash: Bool) -> String {
            bytes.map { byte in
                let literal = byte < 0x80 && (Character(Unicode.Scalar(byte)).isLetter || Character(Unicode.Scalar(byte)).isNumber
                    || "-._~".utf8.contains(byte) || (keepSlash && byte == UInt8(ascii: "/")))
                return literal ? String(Unicode.Scalar(byte)) : String(format: "%%%02X", byte)
            }.joined()
        }
        let all = Array(UInt8.min...UInt8.max)
        for keepSlash in [false, true] {
            #expect(encoded(all, keepSlash: keepSlash) == reference(all, keepSlash: keepSlash))
            for byte in all { #expect(encoded([byte], keepSlash: keepSlash) == reference([byte], keepSlash: keepSlash)) }
        }
        #expect(encoded([], keepSlash: false) == "")
    }

    private func encoded(_ bytes: [UInt8], keepSlash: Bool) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * bytes.count + 1) { buffer in
            var writer = ByteWriter(buffer)
            bytes.withUnsafeBufferPointer { URIEncoding.encode($0, keepSlash: keepSlash, into: &writer) }
            return String(decoding: writer.written, as: UTF8.self)
        }
    }

    /// writeHex writes two lower-case digits per byte, for every byte value.
    @Test func hexOfEveryByte() {
        let all = Array(UInt8.min...UInt8.max)
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * all.count) { buffer in
            var writer = ByteWriter(buffer)
            writer.writeHex(all)
            return String(decoding: writer.written, as: UTF8.self)
        }
        #expect(written == all.map { String(format: "%02x", $0) }.joined())
    }

    /// Names compared through their 8-byte prefixes order as their bytes do: random names from a
    /// small alphabet (so that long shared prefixes and equal names are common), NUL bytes
    /// (a shorter name and the same name padded with NUL share a prefix) and lengths 0 to 20.
    @Test func prefixComparisonIsByteOrder() {
        var generator = SplitMix64(seed: 11)
        let alphabet: [UInt8] = [0, 0x2D, 0x61, 0x62, 0x7A, 0xFF]
        var names: [[UInt8]] = [[], [0], [0x61], [0x61, 0], [0x61, 0, 0, 0, 0, 0, 0, 0, 0], Array("x-amz-date".utf8), Array("x-amz-security-token".utf8)]
        for _ in 0..<300 {
            let length = Int.random(in: 0...20, using: &generator)
            names.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
        }
        let base = names.flatMap { $0 }
        base.withUnsafeBufferPointer { bytes in
            let mutable = UnsafeMutableBufferPointer(mutating: bytes)
            var offset = 0
            let entries = names.map { name -> ByteRangeList.Entry in
                defer { offset += name.count }
                return ByteRangeList.Entry(start: offset, middle: offset + name.count, end: offset + name.count, in: mutable)
            }
            for (i, a) in names.enumerated() {
                for (j, b) in names.enumerated() {
                    let expected = a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
                    let order = ByteRangeList.compareNames(bytes, entries[i], entries[j]).signum()
                    #expect(order == expected, "\(a) vs \(b)")
                }
            }
        }
    }
}
