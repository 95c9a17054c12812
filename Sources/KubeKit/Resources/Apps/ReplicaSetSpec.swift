/// `spec` of a ``ReplicaSet``.
public struct ReplicaSetSpec: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The desired number of pods.
    public var replicas: Int? {
        get { self[field: "replicas"] }
        set { self[field: "replicas"] = newValue }
    }

    /// How long a new pod must be ready before it counts as available.
    public var minReadySeconds: Int? {
        get { self[field: "minReadySeconds"] }
        set { self[field: "minReadySeconds"] = newValue }
    }

    /// The pods this ReplicaSet manages.
    public var selector: LabelSelector {
        get { self[nested: "selector"] }
        set { self[nested: "selector"] = newValue }
    }

    /// The pods to create.
    public var template: PodTemplateSpec {
        get { self[nested: "template"] }
        set { self[nested: "template"] = newValue }
    }
}
