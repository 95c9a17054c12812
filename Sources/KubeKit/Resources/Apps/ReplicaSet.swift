/// apps/v1 ReplicaSet: the pods of one template of a Deployment.
public struct ReplicaSet: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.replicaSets

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The desired state.
    public var spec: ReplicaSetSpec {
        get { self[nested: "spec"] }
        set { self[nested: "spec"] = newValue }
    }

    /// The observed state.
    public var status: ReplicaSetStatus {
        get { self[nested: "status"] }
        set { self[nested: "status"] = newValue }
    }
}
