import Testing

@testable import KubeSandbox

struct JSONTests {
    /// Number literals, key order and escapes survive a parse and a write unchanged.
    @Test func roundTripKeepsNumberTextAndOrder() throws {
        let text = #"{"z":1.0,"a":12345678901234567890,"m":[true,false,null,-0.5e3],"s":"tab\there \"q\" \u00e9"}"#
        let value = try JSON(parsing: text)
        #expect(value.objectValue?.keys == ["z", "a", "m", "s"])
        #expect(value["z"] == .number("1.0"))
        #expect(value["a"] == .number("12345678901234567890"))
        #expect(value["s"].stringValue == "tab\there \"q\" é")
        let reparsed = try JSON(parsing: value.text)
        #expect(reparsed == value)
    }

    /// Surrogate pairs decode into one scalar.
    @Test func surrogatePairs() throws {
        let value = try JSON(parsing: #""\ud83d\ude00""#)
        #expect(value.stringValue == "😀")
    }

    /// Malformed documents are rejected with the offset of the problem.
    @Test(arguments: ["{", "{\"a\":}", "[1,]", "01", "\"\u{01}\"", "{} x", "tru"])
    func malformedDocuments(_ text: String) {
        #expect(throws: SandboxError.self) { try JSON(parsing: text) }
    }

    /// YAML documents become JSON with typed scalars and kept order.
    @Test func yamlDocuments() throws {
        let documents = try JSON.documents(fromYAML: "a: 1\nb: [x, 2.5, true, null]\nc: '007'\n---\n---\nkind: List\n")
        #expect(documents.count == 2)
        #expect(documents[0]["a"] == .number("1"))
        #expect(documents[0]["b"] == ["x", .number("2.5"), true, nil])
        #expect(documents[0]["c"] == "007")
        #expect(documents[0].objectValue?.keys == ["a", "b", "c"])
    }

    /// Semantic equality ignores member order but not values.
    @Test func semanticEquality() throws {
        let a = try JSON(parsing: #"{"x":1,"y":{"p":[1,2]}}"#)
        let b = try JSON(parsing: #"{"y":{"p":[1,2]},"x":1.0}"#)
        let c = try JSON(parsing: #"{"y":{"p":[2,1]},"x":1}"#)
        #expect(a.semanticallyEquals(b))
        #expect(!a.semanticallyEquals(c))
    }
}
