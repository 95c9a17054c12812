import Foundation

/// Reading and writing the timestamps AWS uses (`2026-11-21T21:13:23Z`, with or without
/// fractional seconds).
enum ISO8601 {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        if let date = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return nil
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC, as Kubernetes expects in an ExecCredential.
    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false))
    }
}
