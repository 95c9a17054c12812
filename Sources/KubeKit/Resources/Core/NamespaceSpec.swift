/// `spec` of a ``Namespace``.
public struct NamespaceSpec: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// Finalizers that must finish before the namespace is removed.
    public var finalizers: [String] {
        get { self[list: "finalizers"] }
        set { self[list: "finalizers"] = newValue }
    }
}
