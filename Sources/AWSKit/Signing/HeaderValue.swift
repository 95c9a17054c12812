/// Header-value folding as botocore does it (`' '.join(value.split())`): leading and trailing
/// white space removed, every inner run of white space (including line folds) made one space.
/// "White space" is Python's: ASCII `\t \n \v \f \r`, the separators `0x1C…0x1F`, space, and the
/// Unicode space characters.
enum HeaderValue {
    /// Writes `value` folded. The result is never longer than `value` (folding only drops white
    /// space or replaces a run of it with one space), which is the bound callers size for.
    static func writeFolded(_ value: String, into writer: inout ByteWriter) {
        var value = value
        let handled = value.withUTF8 { bytes -> Bool in
            // Fast path: printable ASCII whose only white space is single spaces between words
            // (most values): copy it in one piece. One comparison per byte for the common bytes.
            var previous = UInt8(ascii: " ")  // so that a leading space is not clean
            var clean = true
            for byte in bytes {
                if byte > 0x20 && byte < 0x7F || byte == 0x20 && previous != 0x20 {
                    previous = byte
                } else {
                    clean = false
                    break
                }
            }
            if clean && previous != 0x20 || bytes.isEmpty {
                writer.write(bytes)
                return true
            }
            var nonASCII: UInt8 = 0
            for byte in bytes { nonASCII |= byte & 0x80 }
            if nonASCII != 0 { return false }
            // Never longer than the value: room checked once.
            let output = writer.reserve(bytes.count)
            var written = 0
            var pendingSpace = false
            for byte in bytes {
                if isASCIISpace(byte) {
                    pendingSpace = written > 0
                } else {
                    if pendingSpace {
                        output[written] = UInt8(ascii: " ")
                        written += 1
                    }
                    pendingSpace = false
                    output[written] = byte
                    written += 1
                }
            }
            writer.advance(by: written)
            return true
        }
        if handled { return }
        // Non-ASCII: Python's white space includes Unicode spaces, so fold by scalars.
        var pendingSpace = false
        var wroteAny = false
        for scalar in value.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = wroteAny
            } else {
                if pendingSpace { writer.write(UInt8(ascii: " ")) }
                pendingSpace = false
                UTF8.encode(scalar) { writer.write($0) }
                wroteAny = true
            }
        }
    }

    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x20)
    }

    /// Python's `str.isspace`.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return isASCIISpace(UInt8(value)) }
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
