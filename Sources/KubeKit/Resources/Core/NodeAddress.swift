/// An address of a ``Node``.
public struct NodeAddress: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// `InternalIP`, `ExternalIP`, `Hostname` …
    public var type: String? {
        get { self[field: "type"] }
        set { self[field: "type"] = newValue }
    }

    /// The address.
    public var address: String? {
        get { self[field: "address"] }
        set { self[field: "address"] = newValue }
    }
}
