/// `conditions` of an ``Endpoint``.
public struct EndpointConditions: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// Whether the endpoint should receive traffic.
    public var ready: Bool? {
        get { self[field: "ready"] }
        set { self[field: "ready"] = newValue }
    }

    /// Whether the endpoint passes its readiness checks (terminating or not).
    public var serving: Bool? {
        get { self[field: "serving"] }
        set { self[field: "serving"] = newValue }
    }

    /// Whether the endpoint is shutting down.
    public var terminating: Bool? {
        get { self[field: "terminating"] }
        set { self[field: "terminating"] = newValue }
    }
}
