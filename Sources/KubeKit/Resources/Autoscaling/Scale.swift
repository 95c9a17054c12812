/// autoscaling/v1 Scale: the `scale` subresource of a Deployment or ReplicaSet.
public struct Scale: JSONObjectModel {
    /// Where the `scale` subresource's kind lives in the API.
    public static let apiResource = APIResource(group: "autoscaling", version: "v1", kind: "Scale", plural: "scale", namespaced: true)

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The scaled object's metadata (its name, namespace and resourceVersion).
    public var metadata: ObjectMeta {
        get { self[nested: "metadata"] }
        set { self[nested: "metadata"] = newValue }
    }

    /// The desired replicas.
    public var spec: ScaleSpec {
        get { self[nested: "spec"] }
        set { self[nested: "spec"] = newValue }
    }

    /// The current replicas and the pods' selector.
    public var status: ScaleStatus {
        get { self[nested: "status"] }
        set { self[nested: "status"] = newValue }
    }
}
