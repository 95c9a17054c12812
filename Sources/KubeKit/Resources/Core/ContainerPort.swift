/// A port of a ``Container``.
public struct ContainerPort: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A name that Services can refer to.
    public var name: String? {
        get { self[field: "name"] }
        set { self[field: "name"] = newValue }
    }

    /// The port number in the container.
    public var containerPort: Int? {
        get { self[field: "containerPort"] }
        set { self[field: "containerPort"] = newValue }
    }

    /// `TCP` (the default), `UDP` or `SCTP`.
    public var `protocol`: String? {
        get { self[field: "protocol"] }
        set { self[field: "protocol"] = newValue }
    }

    /// A port to expose on the node.
    public var hostPort: Int? {
        get { self[field: "hostPort"] }
        set { self[field: "hostPort"] = newValue }
    }

    /// The node address to bind `hostPort` to.
    public var hostIP: String? {
        get { self[field: "hostIP"] }
        set { self[field: "hostIP"] = newValue }
    }
}

extension ContainerPort {
    /// A container port.
    public init(containerPort: Int, name: String? = nil, protocol: String? = nil) {
        self.init(object: [:])
        self.containerPort = containerPort
        self.name = name
        self.protocol = `protocol`
    }
}
