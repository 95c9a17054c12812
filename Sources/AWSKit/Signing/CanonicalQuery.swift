/// Query parameters on their way into a canonical request: each key and value decoded and
/// re-encoded (RFC 3986) into a scratch buffer, then written sorted by key and value (for the
/// canonical request) or in their original order (for a presigned URL).
///
/// The scratch bytes and the list of pairs live in buffers the caller allocates (on the stack,
/// sized with ``scratchBound(rawQuery:)`` and ``pairBound(rawQuery:)``), so normalising a query
/// allocates nothing.
struct CanonicalQuery {
    private var scratch: ByteWriter
    private var pairs: ByteRangeList

    init(scratch: UnsafeMutableBufferPointer<UInt8>, pairs: UnsafeMutableBufferPointer<ByteRangeList.Entry>) {
        self.scratch = ByteWriter(scratch)
        self.pairs = ByteRangeList(pairs)
    }

    /// The scratch bytes that ``addRaw(_:keepEmptyPairs:)`` needs for `rawQuery`: each byte
    /// encodes to three at most (and a decoded `%XX` re-encodes to those three bytes again).
    static func scratchBound(rawQuery: UnsafeBufferPointer<UInt8>?) -> Int { 3 * (rawQuery?.count ?? 0) }

    /// The pairs that ``addRaw(_:keepEmptyPairs:)`` records for `rawQuery`: one per `&`, and one.
    static func pairBound(rawQuery: UnsafeBufferPointer<UInt8>?) -> Int {
        guard let rawQuery else { return 0 }
        var separators = 0
        for byte in rawQuery where byte == UInt8(ascii: "&") { separators += 1 }
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
                if equals < stop { Self.normalize(UnsafeBufferPointer(rebasing: query[(equals + 1)..<stop]), into: &scratch) }
                pairs.append(.init(start: keyStart, middle: keyEnd, end: scratch.count))
            }
            if stop == end { break }
            start = stop + 1
        }
    }

    /// Adds a parameter whose name needs no encoding and whose value is encoded here (scratch:
    /// the name's length and three bytes per byte of the value).
    mutating func add(name: StaticString, value: some StringProtocol) {
        let keyStart = beginPair(name)
        URIEncoding.encode(value, into: &scratch)
        pairs.append(.init(start: keyStart, middle: keyStart + name.utf8CodeUnitCount, end: scratch.count))
    }

    /// Adds a parameter whose name needs no encoding and whose value (bytes) is encoded here.
    mutating func add(name: StaticString, value: UnsafeBufferPointer<UInt8>) {
        let keyStart = beginPair(name)
        URIEncoding.encode(value, keepSlash: false, into: &scratch)
        pairs.append(.init(start: keyStart, middle: keyStart + name.utf8CodeUnitCount, end: scratch.count))
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
        pairs.append(.init(start: keyStart, middle: keyStart + name.utf8CodeUnitCount, end: scratch.count))
    }

    private mutating func beginPair(_ name: StaticString) -> Int {
        let keyStart = scratch.count
        scratch.write(name)
        return keyStart
    }

    /// The length of `key=value&…`.
    var byteCount: Int { pairs.count == 0 ? 0 : scratch.count + 2 * pairs.count - 1 }

    /// Writes `key=value&…` in the order the parameters were added (``byteCount`` bytes).
    func writeInOrder(into writer: inout ByteWriter) {
        for index in 0..<pairs.count { writePair(index, into: &writer) }
    }

    /// Sorts the parameters by encoded key, then encoded value (byte order), and writes
    /// `key=value&…` (``byteCount`` bytes). The original order is gone afterwards.
    mutating func sortAndWrite(into writer: inout ByteWriter) {
        let bytes = scratch.written
        pairs.sort { a, b in
            let order = ByteRangeList.compare(bytes, a.start..<a.middle, b.start..<b.middle)
            if order != 0 { return order < 0 }
            return ByteRangeList.compare(bytes, a.middle..<a.end, b.middle..<b.end) < 0
        }
        writeInOrder(into: &writer)
    }

    private func writePair(_ index: Int, into writer: inout ByteWriter) {
        let pair = pairs[index]
        if index > 0 { writer.write(UInt8(ascii: "&")) }
        writer.write(scratch.bytes(pair.start..<pair.middle))
        writer.write(UInt8(ascii: "="))
        writer.write(scratch.bytes(pair.middle..<pair.end))
    }

    /// Decodes `%XX` and re-encodes in one pass, so that any spelling of the same text (`%2f`,
    /// `%2F`, a literal `*`) gives the one form the service computes. `+` stays a plus sign.
    static func normalize(_ buffer: UnsafeBufferPointer<UInt8>, into output: inout ByteWriter) {
        // Fast path: nothing to decode means encoding alone is the normal form.
        if !buffer.contains(UInt8(ascii: "%")) {
            URIEncoding.encode(buffer, keepSlash: false, into: &output)
            return
        }
        URIEncoding.withUnreservedTable { isUnreserved in
            var index = 0
            var runStart = 0  // unreserved bytes since the last one written otherwise: copied in one piece
            let end = buffer.count
            while index < end {
                var byte = buffer[index]
                if isUnreserved[Int(byte)] {
                    index += 1
                    continue
                }
                if runStart < index { output.write(UnsafeBufferPointer(rebasing: buffer[runStart..<index])) }
                index += 1
                if byte == UInt8(ascii: "%"), index + 1 < end, let high = URIEncoding.hexValue(buffer[index]),
                    let low = URIEncoding.hexValue(buffer[index + 1])
                {
                    byte = high << 4 | low
                    index += 2
                }
                if isUnreserved[Int(byte)] {
                    output.write(byte)
                } else {
                    URIEncoding.writePercentEncoded(byte, into: &output)
                }
                runStart = index
            }
            if runStart < end { output.write(UnsafeBufferPointer(rebasing: buffer[runStart..<end])) }
        }
    }
}
