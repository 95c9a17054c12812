/// A field that holds either a number or a string, such as a Service port's `targetPort`
/// (`8080` or `"http"`) or a rolling update's `maxSurge` (`1` or `"25%"`).
public enum IntOrString: JSONRepresentable, Hashable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    /// A number.
    case int(Int)
    /// A string, such as a port name or a percentage.
    case string(String)

    /// Reads a JSON number or string.
    public init?(json: JSONValue) {
        if let number = json.intValue {
            self = .int(number)
        } else if let text = json.stringValue {
            self = .string(text)
        } else {
            return nil
        }
    }

    /// A number.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }

    /// The JSON number or string.
    public var json: JSONValue {
        switch self {
        case .int(let value): return .integer(Int64(value))
        case .string(let value): return .string(value)
        }
    }
}
