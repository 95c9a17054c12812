/// v1 Node: a machine that runs pods (cluster-scoped).
public struct Node: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.nodes

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The desired state (schedulability, taints).
    public var spec: NodeSpec {
        get { self[nested: "spec"] }
        set { self[nested: "spec"] = newValue }
    }

    /// The observed state (capacity, conditions, addresses).
    public var status: NodeStatus {
        get { self[nested: "status"] }
        set { self[nested: "status"] = newValue }
    }

    /// Whether the `Ready` condition is `True`.
    public var isReady: Bool { status.conditions.contains { $0.type == "Ready" && $0.status == "True" } }
}
