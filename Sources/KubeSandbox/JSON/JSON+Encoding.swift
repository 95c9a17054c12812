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
