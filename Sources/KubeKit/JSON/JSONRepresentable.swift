import Foundation

/// A Swift value with a JSON form. The typed models' properties read and write their fields
/// through this protocol, so a model is only ever a view over the object's JSON.
public protocol JSONRepresentable: Sendable {
    /// Reads the value from JSON, or returns `nil` when the JSON has another shape.
    init?(json: JSONValue)
    /// The value's JSON form.
    var json: JSONValue { get }
}

extension JSONValue: JSONRepresentable {
    /// Any JSON value is itself.
    public init?(json: JSONValue) { self = json }
    /// The value itself.
    public var json: JSONValue { self }
}

extension String: JSONRepresentable {
    /// A JSON string.
    public init?(json: JSONValue) {
        guard let value = json.stringValue else { return nil }
        self = value
    }
    /// A JSON string.
    public var json: JSONValue { .string(self) }
}

extension Bool: JSONRepresentable {
    /// A JSON Boolean.
    public init?(json: JSONValue) {
        guard let value = json.boolValue else { return nil }
        self = value
    }
    /// A JSON Boolean.
    public var json: JSONValue { .bool(self) }
}

extension Int: JSONRepresentable {
    /// A JSON integer.
    public init?(json: JSONValue) {
        guard let value = json.intValue else { return nil }
        self = value
    }
    /// A JSON integer.
    public var json: JSONValue { .integer(Int64(self)) }
}

extension Int64: JSONRepresentable {
    /// A JSON integer.
    public init?(json: JSONValue) {
        guard let value = json.int64Value else { return nil }
        self = value
    }
    /// A JSON integer.
    public var json: JSONValue { .integer(self) }
}

extension Double: JSONRepresentable {
    /// A JSON number.
    public init?(json: JSONValue) {
        guard let value = json.doubleValue else { return nil }
        self = value
    }
    /// A JSON number.
    public var json: JSONValue { .double(self) }
}

extension Date: JSONRepresentable {
    /// A Kubernetes `Time`: an RFC 3339 string (fractional seconds accepted).
    public init?(json: JSONValue) {
        guard let text = json.stringValue, let date = RFC3339.date(from: text) else { return nil }
        self = date
    }
    /// A Kubernetes `Time`: RFC 3339 in UTC, whole seconds (`2024-05-01T12:00:00Z`).
    public var json: JSONValue { .string(RFC3339.string(from: self)) }
}

extension Array: JSONRepresentable where Element: JSONRepresentable {
    /// A JSON array whose every element converts; `nil` otherwise.
    public init?(json: JSONValue) {
        guard let elements = json.arrayValue else { return nil }
        var result: [Element] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            guard let value = Element(json: element) else { return nil }
            result.append(value)
        }
        self = result
    }
    /// A JSON array.
    public var json: JSONValue { .array(map(\.json)) }
}

extension Dictionary: JSONRepresentable where Key == String, Value: JSONRepresentable {
    /// A JSON object whose every member converts; `nil` otherwise.
    public init?(json: JSONValue) {
        guard let members = json.objectValue else { return nil }
        var result: [String: Value] = [:]
        result.reserveCapacity(members.count)
        for (key, member) in members {
            guard let value = Value(json: member) else { return nil }
            result[key] = value
        }
        self = result
    }
    /// A JSON object.
    public var json: JSONValue { .object(mapValues(\.json)) }
}
