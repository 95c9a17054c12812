/// An environment variable of a ``Container``.
public struct EnvVar: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The variable's name.
    public var name: String? {
        get { self[field: "name"] }
        set { self[field: "name"] = newValue }
    }

    /// A literal value.
    public var value: String? {
        get { self[field: "value"] }
        set { self[field: "value"] = newValue }
    }

    /// A source for the value (a field, a resource, a ConfigMap or Secret key).
    public var valueFrom: JSONValue? {
        get { self[field: "valueFrom"] }
        set { self[field: "valueFrom"] = newValue }
    }
}

extension EnvVar {
    /// A variable with a literal value.
    public init(name: String, value: String) {
        self.init(object: [:])
        self.name = name
        self.value = value
    }
}
