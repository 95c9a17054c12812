import Foundation

/// A resource quantity such as `250m`, `1.5`, `512Mi` or `2e3`, kept as the server wrote it.
public struct Quantity: JSONRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The quantity as written.
    public var text: String

    /// A quantity from its text.
    public init(_ text: String) { self.text = text }

    /// A quantity from its text.
    public init(stringLiteral value: String) { self.text = value }

    /// Reads a string, or a number (as a hand-written manifest may hold).
    public init?(json: JSONValue) {
        switch json {
        case .string(let text): self.text = text
        case .integer(let value): self.text = String(value)
        case .double(let value): self.text = String(value)
        default: return nil
        }
    }

    /// The quantity's string.
    public var json: JSONValue { .string(text) }

    /// The quantity as written.
    public var description: String { text }

    /// The quantity as a number in base units (cores, bytes, pods), or `nil` when it does not parse.
    /// Binary suffixes (`Ki` … `Ei`) are powers of 1024, decimal ones (`n`, `u`, `m`, `k`, `M` …
    /// `E`) powers of 1000, and an exponent (`1e3`) is honoured.
    public var value: Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let binary: [(String, Double)] = [("Ki", 0x1p10), ("Mi", 0x1p20), ("Gi", 0x1p30), ("Ti", 0x1p40), ("Pi", 0x1p50), ("Ei", 0x1p60)]
        for (suffix, factor) in binary where trimmed.hasSuffix(suffix) {
            return Double(trimmed.dropLast(2)).map { $0 * factor }
        }
        let decimal: [Character: Double] = ["n": 1e-9, "u": 1e-6, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18]
        if let last = trimmed.last, let factor = decimal[last] {
            // `E` is both exa and an exponent marker: `1E` is exa, `1E3` an exponent.
            return Double(trimmed.dropLast()).map { $0 * factor }
        }
        return Double(trimmed)
    }
}
