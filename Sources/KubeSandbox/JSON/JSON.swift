/// A JSON document as the sandbox stores it: objects keep their key order and numbers keep their
/// literal text, so that `1.0`, `1` and integers beyond 2^53 round-trip exactly as a client sent them.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, as its JSON literal text.
    case number(String)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    /// A number from an integer.
    public static func int(_ value: Int) -> JSON { .number(String(value)) }

    /// The object, when this is one.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The array, when this is one.
    public var arrayValue: [JSON]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The boolean, when this is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number as an integer, when it is a number without a fraction that fits.
    public var intValue: Int? {
        guard case .number(let text) = self else { return nil }
        if let value = Int(text) { return value }
        if let value = Double(text), value.rounded() == value, abs(value) < 9e15 { return Int(value) }
        return nil
    }

    /// The number as a double, when this is a number.
    public var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member of an object (`null` for anything else or a missing key).
    public subscript(key: String) -> JSON {
        get { objectValue?[key] ?? .null }
        set {
            var object = objectValue ?? JSONObject()
            object[key] = newValue
            self = .object(object)
        }
    }

    /// The value at a path of object keys, or `nil` when a step is missing.
    public func value(at path: [String]) -> JSON? {
        var current = self
        for key in path {
            guard let object = current.objectValue, let next = object[key] else { return nil }
            current = next
        }
        return current
    }

    /// Sets the value at a path of object keys, creating objects on the way; `nil` removes it.
    public mutating func setValue(_ value: JSON?, at path: [String]) {
        guard let first = path.first else {
            if let value { self = value }
            return
        }
        var object = objectValue ?? JSONObject()
        if path.count == 1 {
            object[first] = value
        } else {
            var child = object[first] ?? .object(JSONObject())
            if child.objectValue == nil {
                if value == nil { return }
                child = .object(JSONObject())
            }
            child.setValue(value, at: Array(path.dropFirst()))
            object[first] = child
        }
        self = .object(object)
    }

    /// A string at a path of object keys.
    public func string(at path: String...) -> String? { value(at: path)?.stringValue }

    /// An integer at a path of object keys.
    public func int(at path: String...) -> Int? { value(at: path)?.intValue }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    /// A string literal is a JSON string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A boolean literal is a JSON boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal is a JSON number.
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    /// `nil` is JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension JSON: ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// An array literal is a JSON array.
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// A dictionary literal is a JSON object, in the literal's order.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements))
    }
}
