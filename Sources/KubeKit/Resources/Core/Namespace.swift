/// v1 Namespace (cluster-scoped).
public struct Namespace: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.namespaces

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A new Namespace.
    public init(name: String, labels: [String: String] = [:]) {
        self.init(metadata: ObjectMeta(name: name, labels: labels))
    }

    /// The desired state.
    public var spec: NamespaceSpec {
        get { self[nested: "spec"] }
        set { self[nested: "spec"] = newValue }
    }

    /// The observed state.
    public var status: NamespaceStatus {
        get { self[nested: "status"] }
        set { self[nested: "status"] = newValue }
    }
}
