/// `spec` of a ``Service``.
public struct ServiceSpec: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// `ClusterIP` (the default), `NodePort`, `LoadBalancer` or `ExternalName`.
    public var type: String? {
        get { self[field: "type"] }
        set { self[field: "type"] = newValue }
    }

    /// The labels of the pods that receive the traffic.
    public var selector: [String: String] {
        get { self[map: "selector"] }
        set { self[map: "selector"] = newValue }
    }

    /// The ports the Service exposes.
    public var ports: [ServicePort] {
        get { self[list: "ports"] }
        set { self[list: "ports"] = newValue }
    }

    /// The virtual IP, assigned by the server (or `None` for a headless Service).
    public var clusterIP: String? {
        get { self[field: "clusterIP"] }
        set { self[field: "clusterIP"] = newValue }
    }

    /// All virtual IPs (one per IP family).
    public var clusterIPs: [String] {
        get { self[list: "clusterIPs"] }
        set { self[list: "clusterIPs"] = newValue }
    }

    /// `IPv4`, `IPv6`.
    public var ipFamilies: [String] {
        get { self[list: "ipFamilies"] }
        set { self[list: "ipFamilies"] = newValue }
    }

    /// `SingleStack`, `PreferDualStack` or `RequireDualStack`.
    public var ipFamilyPolicy: String? {
        get { self[field: "ipFamilyPolicy"] }
        set { self[field: "ipFamilyPolicy"] = newValue }
    }

    /// `None` or `ClientIP`.
    public var sessionAffinity: String? {
        get { self[field: "sessionAffinity"] }
        set { self[field: "sessionAffinity"] = newValue }
    }

    /// `Cluster` or `Local`.
    public var externalTrafficPolicy: String? {
        get { self[field: "externalTrafficPolicy"] }
        set { self[field: "externalTrafficPolicy"] = newValue }
    }

    /// `Cluster` or `Local`.
    public var internalTrafficPolicy: String? {
        get { self[field: "internalTrafficPolicy"] }
        set { self[field: "internalTrafficPolicy"] = newValue }
    }

    /// The DNS name of an `ExternalName` Service.
    public var externalName: String? {
        get { self[field: "externalName"] }
        set { self[field: "externalName"] = newValue }
    }

    /// Client ranges allowed through a cloud load balancer.
    public var loadBalancerSourceRanges: [String] {
        get { self[list: "loadBalancerSourceRanges"] }
        set { self[list: "loadBalancerSourceRanges"] = newValue }
    }

    /// Whether endpoints include pods that are not ready.
    public var publishNotReadyAddresses: Bool? {
        get { self[field: "publishNotReadyAddresses"] }
        set { self[field: "publishNotReadyAddresses"] = newValue }
    }
}

extension ServiceSpec {
    /// A spec sending traffic on `ports` to the pods `selector` matches.
    public init(type: String? = nil, selector: [String: String], ports: [ServicePort]) {
        self.init(object: [:])
        self.type = type
        self.selector = selector
        self.ports = ports
    }
}
