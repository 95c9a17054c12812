/// A pod template (`spec.template` of a Deployment or ReplicaSet).
public struct PodTemplateSpec: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The pods' labels and annotations.
    public var metadata: ObjectMeta {
        get { self[nested: "metadata"] }
        set { self[nested: "metadata"] = newValue }
    }

    /// The pods' specification.
    public var spec: PodSpec {
        get { self[nested: "spec"] }
        set { self[nested: "spec"] = newValue }
    }
}

extension PodTemplateSpec {
    /// A template for pods with these labels and this spec.
    public init(labels: [String: String], annotations: [String: String] = [:], spec: PodSpec) {
        self.init(object: [:])
        self.metadata = ObjectMeta(labels: labels, annotations: annotations)
        self.spec = spec
    }
}
