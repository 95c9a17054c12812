import Foundation
import Testing

@testable import KubeSandbox

struct FormattingTests {
    /// Timestamps (seconds and microseconds) read back as the dates they were made from, in the
    /// exact layout Foundation's `%02d` formatting gives.
    @Test func timestampsMatchFormattedFields() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let date = Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator))
            var seconds = time_t(floor(date.timeIntervalSince1970))
            var parts = tm()
            gmtime_r(&seconds, &parts)
            let fields = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
            #expect(Timestamp.format(date) == fields + "Z")
            let micro = Timestamp.formatMicro(date)
            #expect(micro.hasPrefix(fields + ".") && micro.hasSuffix("Z") && micro.count == fields.count + 8)
            let parsed = try #require(Timestamp.parse(micro))
            #expect(abs(parsed.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001)
        }
    }

    /// Zero-padded digits are what `%0Nx` and `%0Nd` print, for small, large and zero values.
    @Test func zeroPaddedMatchesFormatStrings() {
        var generator = SystemRandomNumberGenerator()
        let values: [UInt64] = [0, 1, 15, 16, 255, UInt64.max] + (0..<100).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0..<64, using: &generator) }
        for value in values {
            #expect(String(zeroPadded: value, width: 16, radix: 16) == String(format: "%016llx", value))
            #expect(String(zeroPadded: value, width: 2, radix: 16) == String(format: "%02llx", value))
            #expect(String(zeroPadded: value, width: 4) == String(format: "%04llu", value))
        }
    }
}
