/// coordination.k8s.io/v1 Lease: a lock with a holder and an expiry, used for leader election
/// and, by the blue-green engine, to keep two pipelines from changing one app at once.
public struct Lease: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.leases

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A new Lease.
    public init(name: String, namespace: String? = nil, labels: [String: String] = [:], spec: LeaseSpec) {
        self.init(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels))
        self.spec = spec
    }

    /// The holder and its terms.
    public var spec: LeaseSpec {
        get { self[nested: "spec"] }
        set { self[nested: "spec"] = newValue }
    }
}
