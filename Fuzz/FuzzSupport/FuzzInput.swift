/// The bytes libFuzzer hands to a target, read as text (invalid UTF-8 is repaired, as every
/// parser of this package receives a `String`) and split into lines.
public struct FuzzInput: Sendable {
    /// The whole input as text.
    public let text: String

    /// Wraps the bytes of one fuzzing input.
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        guard let data, size > 0 else {
            text = ""
            return
        }
        text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// The input's sections: the text before the first line that starts with `marker`, then one
    /// section per such line, keyed by the rest of that line (`#fuzz:service.yaml` → `service.yaml`).
    /// A later section of the same name replaces an earlier one.
    public func sections(marker: String) -> (preamble: String, sections: [String: String]) {
        var preamble: [Substring] = []
        var sections: [String: [Substring]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker) {
                let name = String(line.dropFirst(marker.count))
                sections[name] = []
                current = name
            } else if let current {
                sections[current, default: []].append(line)
            } else {
                preamble.append(line)
            }
        }
        return (preamble.joined(separator: "\n"), sections.mapValues { $0.joined(separator: "\n") })
    }
}
