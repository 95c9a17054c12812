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
        (buffer.baseAddress! + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func write(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write($0) } }


    mutating func write(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { write($0) }
        if done == nil { for byte in text.utf8 { write(byte) } }
    }

    mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Lower-case hex of a digest (64 digits for SHA-256), as SigV4 writes hashes and signatures.
    mutating func writeHex(_ digest: some ContiguousBytes) {
        let start = count
        let written = digest.withUnsafeBytes { bytes in
            precondition(2 * bytes.count <= buffer.count - start, "ByteWriter: buffer too small")
            let output = buffer.baseAddress! + start
            for index in 0..<bytes.count {
                let byte = bytes[index]
                output[2 * index] = URIEncoding.lowerHexDigit(byte >> 4)
                output[2 * index + 1] = URIEncoding.lowerHexDigit(byte & 0x0F)
            }
            return 2 * bytes.count
        }
        count += written
    }
}
