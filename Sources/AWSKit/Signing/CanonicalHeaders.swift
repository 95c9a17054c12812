/// The signed headers of a request on their way into a canonical request: each lower-cased name
/// and folded value copied into one scratch buffer, then written sorted by name (stable, so that
/// several values of one name keep their order) and joined with commas.
///
/// Sorting and grouping compare bytes in the buffer, addressed by offsets, rather than `String`s:
/// this runs for every header of every signature.
struct CanonicalHeaders {
    private struct Entry {
        var nameStart: Int
        var nameEnd: Int
        var valueEnd: Int
    }

    private var scratch: [UInt8] = []
    private var entries: [Entry] = []
    /// Whether a `host` header was added.
    private(set) var hasHost = false

    init(count: Int, bytes: Int) {
        scratch.reserveCapacity(bytes)
        entries.reserveCapacity(count)
    }

    /// Adds a header; `name` is lower-case already, `value` is folded here (``HeaderValue``).
    mutating func add(name: String, value: String) {
        if name.utf8.count == 4 && name == "host" { hasHost = true }
        let nameStart = scratch.count
        scratch.append(contentsOf: name.utf8)
        let nameEnd = scratch.count
        HeaderValue.appendTrimmed(value, into: &scratch)
        entries.append(Entry(nameStart: nameStart, nameEnd: nameEnd, valueEnd: scratch.count))
    }

    /// Adds `host` with the URL's host (and port), as the HTTP client will send it.
    mutating func addHost(of parts: URLParts) {
        hasHost = true
        let nameStart = scratch.count
        scratch.append(contentsOf: "host".utf8)
        let nameEnd = scratch.count
        parts.appendHostHeader(into: &scratch)
        entries.append(Entry(nameStart: nameStart, nameEnd: nameEnd, valueEnd: scratch.count))
    }

    /// Appends `name:value[,value…]\n` for each name in byte order, a line feed, and the
    /// signed-headers list (`host;x-amz-date`); returns where that list is in `output`.
    mutating func append(into output: inout [UInt8]) -> Range<Int> {
        var sorted = entries
        entries = []  // sorted in place: `sorted` is the only reference to the storage
        defer { entries = sorted }
        return scratch.withUnsafeBufferPointer { buffer in
            // Every header has a name, so the buffer is not empty.
            let base = buffer.baseAddress!
            func name(_ entry: Entry) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(start: base + entry.nameStart, count: entry.nameEnd - entry.nameStart)
            }
            func value(_ entry: Entry) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(start: base + entry.nameEnd, count: entry.valueEnd - entry.nameEnd)
            }
            // Insertion sort, stable: a few headers, often nearly sorted.
            if sorted.count > 1 {
                for index in 1..<sorted.count {
                    let item = sorted[index]
                    var position = index
                    while position > 0 && Self.compare(name(item), name(sorted[position - 1])) < 0 {
                        sorted[position] = sorted[position - 1]
                        position -= 1
                    }
                    sorted[position] = item
                }
            }
            var index = 0
            while index < sorted.count {
                let current = name(sorted[index])
                output.append(contentsOf: current)
                output.append(UInt8(ascii: ":"))
                output.append(contentsOf: value(sorted[index]))
                index += 1
                while index < sorted.count, Self.compare(name(sorted[index]), current) == 0 {
                    output.append(UInt8(ascii: ","))
                    output.append(contentsOf: value(sorted[index]))
                    index += 1
                }
                output.append(UInt8(ascii: "\n"))
            }
            output.append(UInt8(ascii: "\n"))
            let start = output.count
            index = 0
            while index < sorted.count {
                let current = name(sorted[index])
                if index > 0 { output.append(UInt8(ascii: ";")) }
                output.append(contentsOf: current)
                index += 1
                while index < sorted.count, Self.compare(name(sorted[index]), current) == 0 { index += 1 }
            }
            return start..<output.count
        }
    }

    /// Byte order of two names: negative, zero or positive.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        var index = 0
        while index < common {
            if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
            index += 1
        }
        return a.count - b.count
    }
}
