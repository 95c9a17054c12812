import Foundation

/// Writes bytes into a buffer sized beforehand, so that a string assembled from several pieces
/// (a canonical request, an `Authorization` value, a string to sign) costs one allocation, or
/// none on the stack.
///
/// The caller sizes the buffer from an upper bound of what it writes; every write checks that
/// bound (a compare per write, much cheaper than a growing array's uniqueness and capacity
/// checks), so a wrong bound stops the program instead of writing past the buffer.
struct ByteWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes are written.
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// The bytes written so far.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[0..<count]) }

    /// The written bytes in `range`.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        precondition(range.upperBound <= count, "ByteWriter: range past the written bytes")
        return UnsafeBufferPointer(rebasing: buffer[range])
    }

    /// The written byte at `index`.
    subscript(index: Int) -> UInt8 {
        precondition(index < count, "ByteWriter: index past the written bytes")
        return buffer[index]
    }

    /// Forgets the bytes written after the first `newCount`.
    mutating func truncate(to newCount: Int) {
        precondition(newCount <= count, "ByteWriter: truncating past the written bytes")
        count = newCount
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        precondition(count < buffer.count, "ByteWriter: buffer too small")
        buffer[count] = byte
        count += 1
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(bytes.count <= buffer.count - count, "ByteWriter: buffer too small")
        Self.copy(source, to: buffer.baseAddress! + count, count: bytes.count)
        count += bytes.count
    }

    /// Copies `count` bytes. Most pieces are short (a name, a separator, a date): for those a
    /// loop costs less than a call to memmove.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        if count <= 16 {
            for index in 0..<count { target[index] = source[index] }
        } else {
            target.update(from: source, count: count)
        }
    }

    mutating func write(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write($0) } }

    /// Room for `count` more bytes, checked once, for a loop that writes byte by byte through
    /// the pointer (without a check per byte) and then calls ``advance(by:)`` with what it wrote.
    @inline(__always)
    mutating func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        precondition(count > 0 && count <= buffer.count - self.count, "ByteWriter: buffer too small")
        return buffer.baseAddress! + self.count
    }

    /// Counts `written` bytes written through the pointer of the last ``reserve(_:)``.
    @inline(__always)
    mutating func advance(by written: Int) {
        precondition(written >= 0 && written <= buffer.count - count, "ByteWriter: wrote past the reserved bytes")
        count += written
    }

    mutating func write(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { write($0) }
        if done == nil { for byte in text.utf8 { write(byte) } }
    }

    mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Lower-case hex of a digest (64 digits for SHA-256), as SigV4 writes hashes and signatures.
    mutating func writeHex(_ digest: some ContiguousBytes) {
        digest.withUnsafeBytes { bytes in
            guard !bytes.isEmpty else { return }
            let output = reserve(2 * bytes.count)
            let pairs = Self.hexPairs.utf8Start
            for index in 0..<bytes.count {
                let pair = pairs + 2 * Int(bytes[index])
                output[2 * index] = pair[0]
                output[2 * index + 1] = pair[1]
            }
            advance(by: 2 * bytes.count)
        }
    }

    /// The two lower-case hex digits of every byte value, in order: a literal in read-only
    /// memory, which (unlike a global array) needs no initialisation check to read.
    private static var hexPairs: StaticString {
        """
        000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\
        202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f\
        404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f\
        606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f\
        808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f\
        a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf\
        c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf\
        e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
        """
    }
}
