/// Query parameters on their way into a canonical request: each key and value decoded and
/// re-encoded (RFC 3986) into one scratch buffer, then written sorted by key and value (for the
/// canonical request) or in their original order (for a presigned URL).
///
/// Keeping every component in one buffer, addressed by offsets, avoids an allocation per
/// parameter on the signer's hot path.
struct CanonicalQuery {
    private struct Entry {
        var keyStart: Int
        var keyEnd: Int
        var valueEnd: Int
    }

    private var scratch: [UInt8] = []
    private var entries: [Entry] = []

    init(capacity: Int) {
        scratch.reserveCapacity(capacity)
        entries.reserveCapacity(8)
    }

    var isEmpty: Bool { entries.isEmpty }

    /// Adds every `key=value` pair of a raw query string (a pair without `=` has an empty
    /// value). With `keepEmptyPairs`, `a&&b` yields an empty pair between them, as botocore signs it.
    mutating func addRaw(_ query: ArraySlice<UInt8>, keepEmptyPairs: Bool) {
        var start = query.startIndex
        let end = query.endIndex
        while start <= end {
            var stop = start
            while stop < end && query[stop] != UInt8(ascii: "&") { stop += 1 }
            if stop > start || keepEmptyPairs {
                var equals = start
                while equals < stop && query[equals] != UInt8(ascii: "=") { equals += 1 }
                let keyStart = scratch.count
                Self.normalize(query[start..<equals], into: &scratch)
                let keyEnd = scratch.count
                if equals < stop { Self.normalize(query[(equals + 1)..<stop], into: &scratch) }
                entries.append(Entry(keyStart: keyStart, keyEnd: keyEnd, valueEnd: scratch.count))
            }
            if stop == end { break }
            start = stop + 1
        }
    }

    /// Adds a parameter whose name needs no encoding and whose value is encoded here.
    mutating func add(name: StaticString, value: some StringProtocol) {
        let keyStart = scratch.count
        scratch.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        let keyEnd = scratch.count
        URIEncoding.encode(value.utf8, into: &scratch)
        entries.append(Entry(keyStart: keyStart, keyEnd: keyEnd, valueEnd: scratch.count))
    }

    /// Adds a parameter whose name needs no encoding and whose value (bytes) is encoded here.
    mutating func add(name: StaticString, value: ArraySlice<UInt8>) {
        let keyStart = scratch.count
        scratch.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        let keyEnd = scratch.count
        URIEncoding.encode(value, into: &scratch)
        entries.append(Entry(keyStart: keyStart, keyEnd: keyEnd, valueEnd: scratch.count))
    }

    /// Adds `X-Amz-Credential`, `{access key}/{date}{scope suffix}`, without building the
    /// value as a string first.
    mutating func addCredential(accessKeyId: String, date: String, scopeSuffix: [UInt8]) {
        let name: StaticString = "X-Amz-Credential"
        let keyStart = scratch.count
        scratch.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        let keyEnd = scratch.count
        URIEncoding.encode(accessKeyId.utf8, into: &scratch)
        URIEncoding.encode(CollectionOfOne(UInt8(ascii: "/")), into: &scratch)
        URIEncoding.encode(date.utf8, into: &scratch)
        URIEncoding.encode(scopeSuffix, into: &scratch)
        entries.append(Entry(keyStart: keyStart, keyEnd: keyEnd, valueEnd: scratch.count))
    }

    /// The length of `key=value&…`.
    var byteCount: Int { entries.isEmpty ? 0 : scratch.count + 2 * entries.count - 1 }

    /// Writes `key=value&…` sorted by encoded key, then encoded value (byte order).
    func appendSorted(into output: inout [UInt8]) {
        scratch.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                // Every key and value is empty (a query such as "&"): nothing to sort.
                append(entries, from: buffer, into: &output)
                return
            }
            func less(_ a: Entry, _ b: Entry) -> Bool {
                let order = compare(base, a.keyStart, a.keyEnd, b.keyStart, b.keyEnd)
                if order != 0 { return order < 0 }
                return compare(base, a.keyEnd, a.valueEnd, b.keyEnd, b.valueEnd) < 0
            }
            var sorted = entries
            // Insertion sort: queries are short and usually sorted already; it is also stable.
            if sorted.count > 1 {
                for index in 1..<sorted.count {
                    let item = sorted[index]
                    var position = index
                    while position > 0 && less(item, sorted[position - 1]) {
                        sorted[position] = sorted[position - 1]
                        position -= 1
                    }
                    sorted[position] = item
                }
            }
            append(sorted, from: buffer, into: &output)
        }
    }

    /// Writes `key=value&…` in the order the parameters were added, into a buffer of at least
    /// ``byteCount`` free bytes.
    func writeInOrder(into writer: inout ByteWriter) {
        scratch.withUnsafeBufferPointer { buffer in
            for (index, entry) in entries.enumerated() {
                if index > 0 { writer.write(UInt8(ascii: "&")) }
                writer.write(UnsafeBufferPointer(rebasing: buffer[entry.keyStart..<entry.keyEnd]))
                writer.write(UInt8(ascii: "="))
                writer.write(UnsafeBufferPointer(rebasing: buffer[entry.keyEnd..<entry.valueEnd]))
            }
        }
    }

    private func append(_ list: [Entry], from buffer: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        for (index, entry) in list.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "&")) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[entry.keyStart..<entry.keyEnd]))
            output.append(UInt8(ascii: "="))
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[entry.keyEnd..<entry.valueEnd]))
        }
    }

    private func compare(_ base: UnsafePointer<UInt8>, _ aStart: Int, _ aEnd: Int, _ bStart: Int, _ bEnd: Int) -> Int {
        let aCount = aEnd - aStart
        let bCount = bEnd - bStart
        let common = min(aCount, bCount)
        var index = 0
        while index < common {
            let left = base[aStart + index]
            let right = base[bStart + index]
            if left != right { return left < right ? -1 : 1 }
            index += 1
        }
        return aCount - bCount
    }

    /// Decodes `%XX` and re-encodes in one pass, so that any spelling of the same text (`%2f`,
    /// `%2F`, a literal `*`) gives the one form the service computes. `+` stays a plus sign.
    static func normalize(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            // Fast path: nothing to decode means encoding alone is the normal form.
            if !buffer.contains(UInt8(ascii: "%")) {
                URIEncoding.encode(buffer, keepSlash: false, into: &output)
                return
            }
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
                    output.append(byte)
                } else {
                    output.append(UInt8(ascii: "%"))
                    output.append(URIEncoding.upperHex[Int(byte >> 4)])
                    output.append(URIEncoding.upperHex[Int(byte & 0x0F)])
                }
            }
        }
    }
}
