/// An endpoint of an ``EndpointSlice``: one pod's addresses and readiness.
public struct Endpoint: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The endpoint's addresses.
    public var addresses: [String] {
        get { self[list: "addresses"] }
        set { self[list: "addresses"] = newValue }
    }

    /// Whether the endpoint is ready, serving or terminating.
    public var conditions: EndpointConditions {
        get { self[nested: "conditions"] }
        set { self[nested: "conditions"] = newValue }
    }

    /// The endpoint's host name.
    public var hostname: String? {
        get { self[field: "hostname"] }
        set { self[field: "hostname"] = newValue }
    }

    /// The node the endpoint runs on.
    public var nodeName: String? {
        get { self[field: "nodeName"] }
        set { self[field: "nodeName"] = newValue }
    }

    /// The zone the endpoint runs in.
    public var zone: String? {
        get { self[field: "zone"] }
        set { self[field: "zone"] = newValue }
    }

    /// The pod behind the endpoint.
    public var targetRef: ObjectReference? {
        get { self[field: "targetRef"] }
        set { self[field: "targetRef"] = newValue }
    }
}
