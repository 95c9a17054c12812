/// A port of a ``Service``.
public struct ServicePort: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The port's name (required when there are several).
    public var name: String? {
        get { self[field: "name"] }
        set { self[field: "name"] = newValue }
    }

    /// `TCP` (the default), `UDP` or `SCTP`.
    public var `protocol`: String? {
        get { self[field: "protocol"] }
        set { self[field: "protocol"] = newValue }
    }

    /// The port the Service listens on.
    public var port: Int? {
        get { self[field: "port"] }
        set { self[field: "port"] = newValue }
    }

    /// The pods' port: a number or a container port's name.
    public var targetPort: IntOrString? {
        get { self[field: "targetPort"] }
        set { self[field: "targetPort"] = newValue }
    }

    /// The port on every node (NodePort and LoadBalancer Services).
    public var nodePort: Int? {
        get { self[field: "nodePort"] }
        set { self[field: "nodePort"] = newValue }
    }

    /// The application protocol, such as `http`.
    public var appProtocol: String? {
        get { self[field: "appProtocol"] }
        set { self[field: "appProtocol"] = newValue }
    }
}

extension ServicePort {
    /// A Service port forwarding `port` to the pods' `targetPort`.
    public init(name: String? = nil, protocol: String? = nil, port: Int, targetPort: IntOrString? = nil) {
        self.init(object: [:])
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.targetPort = targetPort
    }
}
