/// Writes ``JSON`` values as compact UTF-8, the way the API server answers.
enum JSONWriter {
    static func write(_ value: JSON, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (offset, byte) in bytes.enumerated() {
                let escaped: [UInt8]?
                switch byte {
                case UInt8(ascii: "\""): escaped = [0x5C, 0x22]
                case UInt8(ascii: "\\"): escaped = [0x5C, 0x5C]
                case 0x0A: escaped = [0x5C, UInt8(ascii: "n")]
                case 0x0D: escaped = [0x5C, UInt8(ascii: "r")]
                case 0x09: escaped = [0x5C, UInt8(ascii: "t")]
                case 0..<0x20:
                    escaped = [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: escaped = nil
                }
                if let escaped {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
                    output.append(contentsOf: escaped)
                    runStart = offset + 1
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSON {
    /// Parses a JSON document.
    /// - Throws: ``SandboxError`` with code `.invalidJSON` naming the offset of the problem.
    public init<Bytes: Sequence<UInt8>>(parsing bytes: Bytes) throws {
        do {
            self = try JSONParser.parse(bytes)
        } catch let failure as JSONParser.Failure {
            throw SandboxError(.invalidJSON, "invalid JSON: \(failure.description)")
        }
    }

    /// Parses a JSON document from text.
    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }

    /// The compact UTF-8 encoding.
    public var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        JSONWriter.write(self, into: &output)
        return output
    }

    /// The compact encoding as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

extension JSON: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { text }
}
