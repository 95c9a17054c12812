import Foundation
import SDKCore
import Testing

struct DurationFormatTests {
    /// The forms pipeline users write parse to the right duration.
    @Test(arguments: [
        ("90s", Duration.seconds(90)), ("5m", .seconds(300)), ("1h30m", .seconds(5400)),
        ("250ms", .milliseconds(250)), ("45", .seconds(45)), ("1.5s", .milliseconds(1500)), ("2m5s", .seconds(125)),
    ])
    func parses(text: String, expected: Duration) throws {
        #expect(try DurationFormat.parse(text) == expected)
    }

    /// Garbage is refused with a message that shows the accepted forms.
    @Test(arguments: ["", "5 minutes", "m", "-3s", "1d", "s5"])
    func refusesGarbage(text: String) {
        do {
            let parsed = try DurationFormat.parse(text)
            Issue.record("'\(text)' parsed as \(parsed)")
        } catch {
            #expect("\(error)".contains("'\(text)'"))
            #expect("\(error)".contains("90s"))
        }
    }

    /// Formatting gives the short form back.
    @Test func formats() {
        #expect(DurationFormat.format(.zero) == "0s")
        #expect(DurationFormat.format(.milliseconds(750)) == "750ms")
        #expect(DurationFormat.format(.seconds(42)) == "42s")
        #expect(DurationFormat.format(.seconds(300)) == "5m")
        #expect(DurationFormat.format(.seconds(125)) == "2m05s")
        #expect(DurationFormat.format(.seconds(5400)) == "1h30m")
    }
}

struct SecretTests {
    /// Interpolation, debug printing and dump all hide the value.
    @Test func neverPrintsItsValue() {
        let secret = Secret("AKIA-super-secret")
        var dumped = ""
        dump(secret, to: &dumped)
        for text in ["\(secret)", String(describing: secret), String(reflecting: secret), dumped, "\([secret])"] {
            #expect(!text.contains("super-secret"), "leaked in: \(text)")
        }
        #expect(secret.value == "AKIA-super-secret")
    }
}

struct HTTPHeaderFieldsTests {
    /// Lookups ignore case; several values for one name keep their order.
    @Test func caseInsensitiveMultiValued() {
        var headers: HTTPHeaderFields = ["X-Amz-Date": "1", "Accept": "a"]
        headers.add(name: "accept", value: "b")
        #expect(headers["x-amz-date"] == "1")
        #expect(headers.values(for: "ACCEPT") == ["a", "b"])
        headers.replaceOrAdd(name: "Accept", value: "c")
        #expect(headers.values(for: "accept") == ["c"])
        headers.remove(name: "X-AMZ-DATE")
        #expect(!headers.contains("x-amz-date"))
        #expect(headers.count == 1)
    }
}
