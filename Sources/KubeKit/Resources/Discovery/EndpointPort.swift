/// A port of an ``EndpointSlice``.
public struct EndpointPort: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The port's name, matching the Service port's.
    public var name: String? {
        get { self[field: "name"] }
        set { self[field: "name"] = newValue }
    }

    /// The port number.
    public var port: Int? {
        get { self[field: "port"] }
        set { self[field: "port"] = newValue }
    }

    /// `TCP`, `UDP` or `SCTP`.
    public var `protocol`: String? {
        get { self[field: "protocol"] }
        set { self[field: "protocol"] = newValue }
    }

    /// The application protocol.
    public var appProtocol: String? {
        get { self[field: "appProtocol"] }
        set { self[field: "appProtocol"] = newValue }
    }
}
