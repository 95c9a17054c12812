/// `spec` of a ``Scale``.
public struct ScaleSpec: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The desired number of replicas.
    public var replicas: Int? {
        get { self[field: "replicas"] }
        set { self[field: "replicas"] = newValue }
    }
}
