/// The signed headers of a request on their way into a canonical request: each lower-cased name
/// and folded value copied into a scratch buffer, then written sorted by name (stable, so that
/// several values of one name keep their order) and joined with commas.
///
/// The scratch bytes and the list of headers live in buffers the caller allocates (on the
/// stack), sized with ``scratchBound(name:value:)`` per header, so this allocates nothing.
struct CanonicalHeaders {
    private var scratch: ByteWriter
    private var headers: ByteRangeList
    /// Whether a `host` header was added.
    private(set) var hasHost = false

    init(scratch: UnsafeMutableBufferPointer<UInt8>, headers: UnsafeMutableBufferPointer<ByteRangeList.Entry>) {
        self.scratch = ByteWriter(scratch)
        self.headers = ByteRangeList(headers)
    }

    /// The scratch bytes one header needs: its name lower-cased (Unicode lower-casing can
    /// lengthen a character's UTF-8 by half at most) and its value folded (never longer).
    static func scratchBound(name: String, value: String) -> Int { 2 * name.utf8.count + value.utf8.count }

    /// The bytes that ``write(into:)`` writes at most, for what was added: every name twice
    /// (header line and signed-headers list), every value, three separators per header and a
    /// line feed.
    var writtenBound: Int { 2 * scratch.count + 3 * headers.count + 1 }

    /// Writes `name` lower-cased into the scratch buffer as the start of a new header, and
    /// returns it, so that the caller can decide whether it is signed (``commit(value:)``) or
    /// not (``discardName()``).
    mutating func beginHeader(name: String) -> UnsafeBufferPointer<UInt8> {
        let start = scratch.count
        var name = name
        let ascii = name.withUTF8 { bytes -> Bool in
            guard !bytes.isEmpty else { return true }
            var nonASCII: UInt8 = 0
            for byte in bytes { nonASCII |= byte & 0x80 }
            guard nonASCII == 0 else { return false }
            let output = scratch.reserve(bytes.count)
            for index in 0..<bytes.count {
                let byte = bytes[index]
                output[index] = byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
            }
            scratch.advance(by: bytes.count)
            return true
        }
        if !ascii { scratch.write(name.lowercased()) }
        pendingNameStart = start
        return scratch.bytes(start..<scratch.count)
    }

    private var pendingNameStart = 0

    /// Forgets the name written by the last ``beginHeader(name:)``.
    mutating func discardName() { scratch.truncate(to: pendingNameStart) }

    /// Adds the header whose name the last ``beginHeader(name:)`` wrote, with `value` folded
    /// (``HeaderValue``).
    mutating func commit(value: String) {
        let nameEnd = scratch.count
        if nameEnd - pendingNameStart == 4 && Self.isHost(scratch.bytes(pendingNameStart..<nameEnd)) { hasHost = true }
        HeaderValue.writeFolded(value, into: &scratch)
        headers.append(.init(start: pendingNameStart, middle: nameEnd, end: scratch.count, in: scratch.buffer))
    }

    /// Adds a header whose name is lower-case already.
    mutating func add(lowercasedName name: StaticString, value: String) {
        pendingNameStart = scratch.count
        scratch.write(name)
        commit(value: value)
    }

    /// Adds `host` with the URL's host (and port), as the HTTP client will send it (scratch:
    /// 4 bytes and `parts.hostHeaderBound`).
    mutating func addHost(of parts: URLParts) {
        hasHost = true
        let nameStart = scratch.count
        scratch.write("host" as StaticString)
        let nameEnd = scratch.count
        parts.writeHostHeader(into: &scratch)
        headers.append(.init(start: nameStart, middle: nameEnd, end: scratch.count, in: scratch.buffer))
    }

    /// Drops every header named `name` (lower-case).
    mutating func remove(lowercasedName name: StaticString) {
        let bytes = scratch.written
        let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        headers.removeAll { header in
            header.middle - header.start == wanted.count
                && UnsafeBufferPointer(rebasing: bytes[header.start..<header.middle]).elementsEqual(wanted)
        }
    }

    /// Sorts the headers and writes `name:value[,value…]\n` for each name in byte order, a line
    /// feed, and the signed-headers list (`host;x-amz-date`); returns where that list is in
    /// `output`. At most ``writtenBound`` bytes, reserved at once and written through a pointer.
    mutating func sortAndWrite(into output: inout ByteWriter) -> Range<Int> {
        let bytes = scratch.written
        headers.sort { ByteRangeList.compareNames(bytes, $0, $1) < 0 }
        let source = scratch.buffer.baseAddress!
        let start = output.count
        let out = output.reserve(writtenBound)
        var written = 0
        func copy(_ range: Range<Int>) {
            ByteWriter.copy(source + range.lowerBound, to: out + written, count: range.count)
            written += range.count
        }
        func sameName(_ index: Int) -> Bool { ByteRangeList.compareNames(bytes, headers[index], headers[index - 1]) == 0 }
        for index in 0..<headers.count {
            let header = headers[index]
            if index > 0 && sameName(index) {
                out[written] = UInt8(ascii: ",")
                written += 1
            } else {
                if index > 0 {
                    out[written] = UInt8(ascii: "\n")
                    written += 1
                }
                copy(header.start..<header.middle)
                out[written] = UInt8(ascii: ":")
                written += 1
            }
            copy(header.middle..<header.end)
        }
        if headers.count > 0 {
            out[written] = UInt8(ascii: "\n")
            written += 1
        }
        out[written] = UInt8(ascii: "\n")
        written += 1
        let listStart = start + written
        for index in 0..<headers.count where index == 0 || !sameName(index) {
            if index > 0 {
                out[written] = UInt8(ascii: ";")
                written += 1
            }
            copy(headers[index].start..<headers[index].middle)
        }
        output.advance(by: written)
        return listStart..<output.count
    }

    private static func isHost(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name[0] == UInt8(ascii: "h") && name[1] == UInt8(ascii: "o") && name[2] == UInt8(ascii: "s") && name[3] == UInt8(ascii: "t")
    }
}
