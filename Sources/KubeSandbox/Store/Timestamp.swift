import Foundation

/// RFC 3339 timestamps as Kubernetes writes them (`2024-05-01T12:00:00Z`, and with microseconds
/// for `MicroTime` fields).
enum Timestamp {
    /// Seconds since 1970, kept within what `time_t` and four-digit years can hold.
    private static func clamped(_ date: Date) -> Double {
        let value = date.timeIntervalSince1970
        return value.isFinite ? min(max(value, 0), 253_402_300_799) : 0
    }

    static func format(_ date: Date) -> String {
        var seconds = time_t(floor(clamped(date)))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return dateAndTime(parts) + "Z"
    }

    /// `YYYY-MM-DDThh:mm:ss` of broken-down UTC time.
    private static func dateAndTime(_ parts: tm) -> String {
        "\(String(zeroPadded: Int(parts.tm_year) + 1900, width: 4))-\(String(zeroPadded: parts.tm_mon + 1, width: 2))-"
            + "\(String(zeroPadded: parts.tm_mday, width: 2))T\(String(zeroPadded: parts.tm_hour, width: 2)):"
            + "\(String(zeroPadded: parts.tm_min, width: 2)):\(String(zeroPadded: parts.tm_sec, width: 2))"
    }

    static func formatMicro(_ date: Date) -> String {
        let value = clamped(date)
        var seconds = time_t(floor(value))
        let micros = Int((value - floor(value)) * 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return dateAndTime(parts) + "." + String(zeroPadded: micros, width: 6) + "Z"
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
