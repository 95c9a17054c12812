/// v1 Service: a stable address for the pods its selector matches.
public struct Service: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.services

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A new Service.
    public init(name: String, namespace: String? = nil, labels: [String: String] = [:], annotations: [String: String] = [:], spec: ServiceSpec) {
        self.init(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels, annotations: annotations))
        self.spec = spec
    }

    /// The desired state.
    public var spec: ServiceSpec {
        get { self[nested: "spec"] }
        set { self[nested: "spec"] = newValue }
    }

    /// The observed state (load balancer ingress).
    public var status: ServiceStatus {
        get { self[nested: "status"] }
        set { self[nested: "status"] = newValue }
    }
}
