/// `status` of a ``Scale``.
public struct ScaleStatus: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The current number of replicas.
    public var replicas: Int? {
        get { self[field: "replicas"] }
        set { self[field: "replicas"] = newValue }
    }

    /// The label selector of the pods, in query syntax.
    public var selector: String? {
        get { self[field: "selector"] }
        set { self[field: "selector"] = newValue }
    }
}
