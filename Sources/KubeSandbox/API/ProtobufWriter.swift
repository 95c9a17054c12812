/// A minimal protocol-buffers encoder (length-delimited fields only), enough for the OpenAPI v2
/// document older kubectl versions insist on reading as protobuf.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    private mutating func varint(_ value: Int) {
        var rest = UInt64(value)
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A string or bytes field.
    mutating func string(_ field: Int, _ value: String) {
        message(field, Array(value.utf8))
    }

    /// An embedded message field.
    mutating func message(_ field: Int, _ encoded: [UInt8]) {
        varint(field << 3 | 2)
        varint(encoded.count)
        bytes += encoded
    }

    /// An embedded message built by a closure.
    mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        build(&nested)
        message(field, nested.bytes)
    }
}
