import Foundation
import KubeKit
import Testing

struct JSONValueTests {
    /// Parsing then serialising keeps every value, including 64-bit integers and nested nulls.
    @Test func roundTripsEveryKindOfValue() throws {
        let text = #"{"a":[1,-2,9223372036854775807,1.5,"x",true,false,null],"b":{"c":{}},"d":"é/\"q\""}"#
        let value = try JSONValue(parsing: text)
        #expect(value["a"]?[2] == .integer(Int64.max))
        #expect(value["a"]?[3] == .double(1.5))
        #expect(value["a"]?[7] == .null)
        #expect(value["d"]?.stringValue == "é/\"q\"")
        let again = try JSONValue(parsing: value.serialized())
        #expect(again == value)
    }

    /// Serialised output sorts keys, so that two equal objects print identically.
    @Test func serialisesWithSortedKeys() throws {
        let value: JSONValue = ["b": 1, "a": ["d": 2, "c": 3]]
        #expect(String(decoding: value.serialized(), as: UTF8.self) == #"{"a":{"c":3,"d":2},"b":1}"#)
    }

    /// Setting a member through the subscript creates objects on the way and `nil` removes it.
    @Test func subscriptSetsAndRemovesMembers() {
        var value: JSONValue = [:]
        value["metadata"] = ["name": "web"]
        value["metadata"]?["labels"] = ["app": "web"]
        #expect(value["metadata"]?["labels"]?["app"]?.stringValue == "web")
        value["metadata"]?["labels"] = nil
        #expect(value["metadata"]?["labels"] == nil)
        #expect(value["metadata"]?["name"] == "web")
    }

    /// Text that is not JSON is refused with an error, not a crash.
    @Test func rejectsInvalidJSON() {
        #expect(throws: (any Error).self) { try JSONValue(parsing: "{\"a\": ") }
        #expect(throws: (any Error).self) { try JSONValue(parsing: "") }
    }
}

struct JSONParserTests {
    /// Escapes, surrogate pairs and numbers parse as the JSON grammar says.
    @Test func parsesTheGrammar() throws {
        let value = try JSONValue(parsing: #" {"s":"a\"b\\c\/d\n\t\u00e9\ud83d\ude80","n":[0,-0,12,-7,1.25,1e3,-2.5E-2,9223372036854775808]} "#)
        #expect(value["s"] == "a\"b\\c/d\n\té🚀")
        #expect(value["n"] == [0, 0, 12, -7, 1.25, 1000.0, -0.025, .double(9_223_372_036_854_775_808)])
    }

    /// Malformed documents are refused with the offset of the problem.
    @Test(arguments: [
        "01", "1.", ".5", "+1", "-", "1e", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "\"\\x\"", "\"\\ud800\"", "[1] 2", "tru", "\"a\nb\"", "{1:2}", "[",
        "\"abc",
    ])
    func refusesMalformedDocuments(text: String) {
        #expect(throws: (any Error).self) { try JSONValue(parsing: text) }
    }

    /// Absurd nesting is refused instead of exhausting the stack.
    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: (any Error).self) { try JSONValue(parsing: deep) }
    }
}
