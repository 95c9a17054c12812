/// `status` of a ``Service``.
public struct ServiceStatus: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The load balancer's ingress points, for `LoadBalancer` Services.
    public var loadBalancer: JSONValue? {
        get { self[field: "loadBalancer"] }
        set { self[field: "loadBalancer"] = newValue }
    }

    /// Conditions of the Service.
    public var conditions: [StatusCondition] {
        get { self[list: "conditions"] }
        set { self[list: "conditions"] = newValue }
    }
}
