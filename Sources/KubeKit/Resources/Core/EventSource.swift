/// `source` of an ``Event``.
public struct EventSource: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The component that reported the event.
    public var component: String? {
        get { self[field: "component"] }
        set { self[field: "component"] = newValue }
    }

    /// The node it ran on.
    public var host: String? {
        get { self[field: "host"] }
        set { self[field: "host"] = newValue }
    }
}
