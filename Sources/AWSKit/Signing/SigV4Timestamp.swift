import Foundation

/// The SigV4 date forms of one instant (`20150830T123600Z` and `20150830`), computed with integer
/// arithmetic instead of a `DateFormatter`: signing thousands of requests must not pay for a
/// formatter or a calendar per signature.
struct SigV4Timestamp: Sendable, Hashable {
    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    let dateTime: String
    /// `yyyyMMdd` in UTC; the first part of the credential scope.
    let date: String
    let epochSeconds: Int64

    init(_ instant: Date) {
        let seconds = Int64((instant.timeIntervalSince1970).rounded(.down))
        epochSeconds = seconds
        let civil = Self.civil(seconds)
        var bytes = [UInt8]()
        bytes.reserveCapacity(16)
        Self.appendDigits(civil.year, width: 4, into: &bytes)
        Self.appendDigits(civil.month, width: 2, into: &bytes)
        Self.appendDigits(civil.day, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: "T"))
        Self.appendDigits(civil.hour, width: 2, into: &bytes)
        Self.appendDigits(civil.minute, width: 2, into: &bytes)
        Self.appendDigits(civil.second, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        dateTime = String(decoding: bytes, as: UTF8.self)
        self.date = String(decoding: bytes[0..<8], as: UTF8.self)
    }

    /// The RFC 2822 form Python's `email.utils.formatdate` writes (`Sun, 30 Aug 2015 12:36:00 -0000`),
    /// which botocore puts in a `Date` header that the caller supplied.
    var rfc2822: String {
        let civil = Self.civil(epochSeconds)
        let days = Self.floorDivide(epochSeconds, 86_400)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var bytes = [UInt8]()
        func two(_ value: Int) { Self.appendDigits(value, width: 2, into: &bytes) }
        bytes += Array("\(weekday), ".utf8)
        two(civil.day)
        bytes += Array(" \(months[civil.month - 1]) ".utf8)
        Self.appendDigits(civil.year, width: 4, into: &bytes)
        bytes.append(UInt8(ascii: " "))
        two(civil.hour)
        bytes.append(UInt8(ascii: ":"))
        two(civil.minute)
        bytes.append(UInt8(ascii: ":"))
        two(civil.second)
        bytes += Array(" -0000".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }

    /// Howard Hinnant's days-to-civil algorithm.
    private static func civil(_ seconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthPrime + 2) / 5 + 1)
        let month = Int(monthPrime < 10 ? monthPrime + 3 : monthPrime - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    }

    private static func appendDigits(_ value: Int, width: Int, into bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var remaining = abs(value)
        var index = start + width - 1
        while index >= start, remaining > 0 {
            bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            index -= 1
        }
    }
}
