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
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            for byte in bytes { scratch.write(byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte) }
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
        headers.append(.init(start: pendingNameStart, middle: nameEnd, end: scratch.count))
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
        headers.append(.init(start: nameStart, middle: nameEnd, end: scratch.count))
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
    /// `output`. At most ``writtenBound`` bytes.
    mutating func sortAndWrite(into output: inout ByteWriter) -> Range<Int> {
        let bytes = scratch.written
        func name(_ header: ByteRangeList.Entry) -> Range<Int> { header.start..<header.middle }
        headers.sort { ByteRangeList.compare(bytes, name($0), name($1)) < 0 }
        var index = 0
        while index < headers.count {
            let current = name(headers[index])
            output.write(scratch.bytes(current))
            output.write(UInt8(ascii: ":"))
            output.write(scratch.bytes(headers[index].middle..<headers[index].end))
            index += 1
            while index < headers.count, ByteRangeList.compare(bytes, name(headers[index]), current) == 0 {
                output.write(UInt8(ascii: ","))
                output.write(scratch.bytes(headers[index].middle..<headers[index].end))
                index += 1
            }
            output.write(UInt8(ascii: "\n"))
        }
        output.write(UInt8(ascii: "\n"))
        let start = output.count
        index = 0
        while index < headers.count {
            let current = name(headers[index])
            if index > 0 { output.write(UInt8(ascii: ";")) }
            output.write(scratch.bytes(current))
            index += 1
            while index < headers.count, ByteRangeList.compare(bytes, name(headers[index]), current) == 0 { index += 1 }
        }
        return start..<output.count
    }

    private static func isHost(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name[0] == UInt8(ascii: "h") && name[1] == UInt8(ascii: "o") && name[2] == UInt8(ascii: "s") && name[3] == UInt8(ascii: "t")
    }
}
