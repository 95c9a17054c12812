import Foundation

/// Splits a watch response body into its JSON documents, however the chunks cut them: it
/// tracks nesting and strings, so it needs no newline between events and is not fooled by
/// braces inside strings.
struct JSONStreamSplitter {
    /// The largest single event accepted (a guard against a runaway stream).
    var limit = 64 << 20
    private var buffer: [UInt8] = []
    private var scanned = 0
    private var start: Int?
    private var depth = 0
    private var inString = false
    private var escaped = false

    struct Malformed: Error {}

    /// Adds bytes and returns every document they complete.
    mutating func append(_ data: Data) throws -> [Data] {
        buffer.append(contentsOf: data)
        var documents: [Data] = []
        var index = scanned
        while index < buffer.count {
            let byte = buffer[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if depth == 0 { start = index }
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard depth > 0 else { throw Malformed() }
                    depth -= 1
                    if depth == 0, let first = start {
                        documents.append(Data(buffer[first...index]))
                        start = nil
                    }
                case UInt8(ascii: "\""):
                    guard depth > 0 else { throw Malformed() }
                    inString = true
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    break
                default:
                    guard depth > 0 else { throw Malformed() }
                }
            }
            index += 1
        }
        // Drop what is complete; keep the unfinished document.
        if let first = start {
            buffer.removeFirst(first)
            start = 0
            scanned = buffer.count
        } else {
            buffer.removeAll(keepingCapacity: true)
            scanned = 0
        }
        if buffer.count > limit { throw Malformed() }
        return documents
    }

    /// Whether bytes of an unfinished document are pending.
    var hasPartialDocument: Bool { start != nil }
}
