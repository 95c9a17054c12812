/// `status` of a ``Namespace``.
public struct NamespaceStatus: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// `Active` or `Terminating`.
    public var phase: String? {
        get { self[field: "phase"] }
        set { self[field: "phase"] = newValue }
    }

    /// Conditions of a terminating namespace.
    public var conditions: [StatusCondition] {
        get { self[list: "conditions"] }
        set { self[list: "conditions"] = newValue }
    }
}
