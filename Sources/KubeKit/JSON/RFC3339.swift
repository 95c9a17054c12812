import Foundation

/// Kubernetes timestamps: `Time` (RFC 3339, whole seconds) and `MicroTime` (six fractional digits).
enum RFC3339 {
    /// Parses RFC 3339 with or without fractional seconds, with `Z` or a numeric offset.
    static func date(from text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `2006-01-02T15:04:05Z`, as the API server writes `metav1.Time`.
    static func string(from date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// `2006-01-02T15:04:05.000000Z`, as the API server writes `metav1.MicroTime`.
    static func microString(from date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let micros = Int(((date.timeIntervalSince1970 - whole) * 1_000_000).rounded(.down))
        let base = Date(timeIntervalSince1970: whole).formatted(Date.ISO8601FormatStyle())
        let digits = String(micros)
        return base.dropLast() + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }
}
