/// v1 Pod: one or more containers scheduled together on a node.
public struct Pod: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.pods

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A new Pod.
    public init(name: String, namespace: String? = nil, labels: [String: String] = [:], spec: PodSpec) {
        self.init(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels))
        self.spec = spec
    }

    /// The desired state.
    public var spec: PodSpec {
        get { self[nested: "spec"] }
        set { self[nested: "spec"] = newValue }
    }

    /// The observed state, written by the scheduler and the kubelet.
    public var status: PodStatus {
        get { self[nested: "status"] }
        set { self[nested: "status"] = newValue }
    }
}
