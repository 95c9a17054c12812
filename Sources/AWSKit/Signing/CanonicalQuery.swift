/// Query parameters on their way into a canonical request: each key and value decoded and
/// re-encoded (RFC 3986) into a scratch buffer as `key=value&`, then written sorted by key and
/// value (for the canonical request) or in their original order (for a presigned URL).
///
/// The scratch bytes and the list of pairs live in buffers the caller allocates (on the stack,
/// sized with ``scratchBound(rawQuery:pairs:)`` and ``pairBound(rawQuery:)``), so normalising a
/// query allocates nothing.
struct CanonicalQuery {
    private var scratch: ByteWriter
    /// Each pair's key is `start..<middle`, then `=` at `middle`, the value, and `end`.
    private var pairs: ByteRangeList

    init(scratch: UnsafeMutableBufferPointer<UInt8>, pairs: UnsafeMutableBufferPointer<ByteRangeList.Entry>) {
        self.scratch = ByteWriter(scratch)
        self.pairs = ByteRangeList(pairs)
    }

    /// The scratch bytes for `rawQuery` and `pairs` pairs in all: each byte of the query encodes
    /// to three at most (and a decoded `%XX` re-encodes to those three bytes again), and each
    /// pair adds `=` and `&` at most.
    static func scratchBound(rawQuery: UnsafeBufferPointer<UInt8>?, pairs: Int) -> Int { 3 * (rawQuery?.count ?? 0) + 2 * pairs }

    /// The pairs that ``addRaw(_:keepEmptyPairs:)`` records for `rawQuery`: one per `&`, and one.
    static func pairBound(rawQuery: UnsafeBufferPointer<UInt8>?) -> Int {
        guard let rawQuery else { return 0 }
        var separators = 0
        for byte in rawQuery { separators &+= byte == UInt8(ascii: "&") ? 1 : 0 }  // branch-free: vectorised
        return separators + 1
    }

    /// Adds every `key=value` pair of a raw query string (a pair without `=` has an empty
    /// value). With `keepEmptyPairs`, `a&&b` yields an empty pair between them, as botocore signs it.
    mutating func addRaw(_ query: UnsafeBufferPointer<UInt8>, keepEmptyPairs: Bool) {
        var start = 0
        let end = query.count
        while start <= end {
            var stop = start
            while stop < end && query[stop] != UInt8(ascii: "&") { stop += 1 }
            if stop > start || keepEmptyPairs {
                var equals = start
                while equals < stop && query[equals] != UInt8(ascii: "=") { equals += 1 }
                let keyStart = scratch.count
                Self.normalize(UnsafeBufferPointer(rebasing: query[start..<equals]), into: &scratch)
                let keyEnd = scratch.count
                scratch.write(UInt8(ascii: "="))
                if equals < stop { Self.normalize(UnsafeBufferPointer(rebasing: query[(equals + 1)..<stop]), into: &scratch) }
                endPair(keyStart: keyStart, keyEnd: keyEnd)
            }
            if stop == end { break }
            start = stop + 1
        }
    }

    /// Adds a parameter whose name needs no encoding and whose value is encoded here (scratch:
    /// the name's length, two, and three bytes per byte of the value).
    mutating func add(name: StaticString, value: some StringProtocol) {
        let keyStart = beginPair(name)
        URIEncoding.encode(value, into: &scratch)
        endPair(keyStart: keyStart, keyEnd: keyStart + name.utf8CodeUnitCount)
    }

    /// Adds a parameter whose name needs no encoding and whose value (bytes) is encoded here.
    mutating func add(name: StaticString, value: UnsafeBufferPointer<UInt8>) {
        let keyStart = beginPair(name)
        URIEncoding.encode(value, keepSlash: false, into: &scratch)
        endPair(keyStart: keyStart, keyEnd: keyStart + name.utf8CodeUnitCount)
    }

    /// Adds `X-Amz-Credential`, `{access key}/{date}{scope suffix}`, without building the
    /// value as a string first.
    mutating func addCredential(accessKeyId: String, date: String, scopeSuffix: [UInt8]) {
        let name: StaticString = "X-Amz-Credential"
        let keyStart = beginPair(name)
        URIEncoding.encode(accessKeyId, into: &scratch)
        URIEncoding.writePercentEncoded(UInt8(ascii: "/"), into: &scratch)
        URIEncoding.encode(date, into: &scratch)
        URIEncoding.encode(scopeSuffix, into: &scratch)
        endPair(keyStart: keyStart, keyEnd: keyStart + name.utf8CodeUnitCount)
    }

    private mutating func beginPair(_ name: StaticString) -> Int {
        let keyStart = scratch.count
        scratch.write(name)
        scratch.write(UInt8(ascii: "="))
        return keyStart
    }

    /// Records the pair written since `keyStart` and ends it with `&`.
    private mutating func endPair(keyStart: Int, keyEnd: Int) {
        pairs.append(.init(start: keyStart, middle: keyEnd, end: scratch.count, in: scratch.buffer))
        scratch.write(UInt8(ascii: "&"))
    }

    /// Writes `key=value&…` in the order the parameters were added: the scratch bytes as they
    /// are, but the last `&`.
    func writeInOrder(into writer: inout ByteWriter) {
        guard pairs.count > 0 else { return }
        writer.write(scratch.bytes(0..<(scratch.count - 1)))
    }

    /// Sorts the parameters by encoded key, then encoded value (byte order), and writes
    /// `key=value&…` (as many bytes as ``writeInOrder(into:)``).
    mutating func sortAndWrite(into writer: inout ByteWriter) {
        let bytes = scratch.written
        pairs.sort { a, b in
            let order = ByteRangeList.compareNames(bytes, a, b)
            if order != 0 { return order < 0 }
            return ByteRangeList.compare(bytes, (a.middle + 1)..<a.end, (b.middle + 1)..<b.end) < 0
        }
        for index in 0..<pairs.count {
            let pair = pairs[index]
            if index > 0 { writer.write(UInt8(ascii: "&")) }
            writer.write(scratch.bytes(pair.start..<pair.end))
        }
    }

    /// Decodes `%XX` and re-encodes in one pass, so that any spelling of the same text (`%2f`,
    /// `%2F`, a literal `*`) gives the one form the service computes. `+` stays a plus sign.
    /// Decoding only shortens, so three bytes per byte is room enough, checked once.
    static func normalize(_ buffer: UnsafeBufferPointer<UInt8>, into output: inout ByteWriter) {
        guard !buffer.isEmpty else { return }
        let out = output.reserve(3 * buffer.count)
        var written = 0
        var index = 0
        let end = buffer.count
        while index < end {
            var byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: "%"), index + 1 < end, let high = URIEncoding.hexValue(buffer[index]),
                let low = URIEncoding.hexValue(buffer[index + 1])
            {
                byte = high << 4 | low
                index += 2
            }
            if URIEncoding.isUnreserved(byte) {
                out[written] = byte
                written += 1
            } else {
                URIEncoding.writePercentEncoded(byte, to: out + written)
                written += 3
            }
        }
        output.advance(by: written)
    }
}
