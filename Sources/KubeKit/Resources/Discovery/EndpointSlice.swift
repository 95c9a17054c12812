/// discovery.k8s.io/v1 EndpointSlice: the ready addresses behind a Service.
public struct EndpointSlice: KubernetesResource {
    /// Where this kind lives in the API.
    public static let apiResource = APIResource.endpointSlices

    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// `IPv4`, `IPv6` or `FQDN`.
    public var addressType: String? {
        get { self[field: "addressType"] }
        set { self[field: "addressType"] = newValue }
    }

    /// The endpoints.
    public var endpoints: [Endpoint] {
        get { self[list: "endpoints"] }
        set { self[list: "endpoints"] = newValue }
    }

    /// The ports every endpoint exposes.
    public var ports: [EndpointPort] {
        get { self[list: "ports"] }
        set { self[list: "ports"] = newValue }
    }

    /// The Service the slice belongs to (its `kubernetes.io/service-name` label).
    public var serviceName: String? { metadata.labels["kubernetes.io/service-name"] }
}
