import Foundation

/// Parses and prints durations as pipeline users write them: `90s`, `5m`, `1h30m`, `250ms`.
public enum DurationFormat {
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let input: String
        public var description: String {
            "invalid duration '\(input)': use a number with a unit, such as 90s, 5m, 1h30m or 500ms"
        }
    }

    /// Parses `<number><unit>` groups, units `ms`, `s`, `m`, `h`; a bare number means seconds.
    public static func parse(_ text: String) throws -> Duration {
        let input = text.trimmingCharacters(in: .whitespaces)
        guard !input.isEmpty else { throw ParseError(input: text) }
        if let seconds = Double(input), seconds >= 0, seconds.isFinite {
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        var total = Duration.zero
        var rest = Substring(input)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), value.isFinite else { throw ParseError(input: text) }
            let milliseconds: Double
            switch unit {
            case "ms": milliseconds = value
            case "s": milliseconds = value * 1000
            case "m": milliseconds = value * 60_000
            case "h": milliseconds = value * 3_600_000
            default: throw ParseError(input: text)
            }
            total += .milliseconds(Int64(milliseconds.rounded()))
        }
        return total
    }

    /// A short human form: `750ms`, `42s`, `5m`, `1h30m`, `2m05s`.
    public static func format(_ duration: Duration) -> String {
        let millis = duration.nanoseconds / 1_000_000
        if millis == 0 { return "0s" }
        if millis < 1000 { return "\(millis)ms" }
        let seconds = millis / 1000
        if seconds < 60 { return "\(seconds)s" }
        let minutes = seconds / 60
        let hours = minutes / 60
        if hours > 0 {
            let rem = minutes % 60
            return rem == 0 ? "\(hours)h" : "\(hours)h\(rem)m"
        }
        let rem = seconds % 60
        return rem == 0 ? "\(minutes)m" : "\(minutes)m" + (rem < 10 ? "0" : "") + "\(rem)s"
    }
}
