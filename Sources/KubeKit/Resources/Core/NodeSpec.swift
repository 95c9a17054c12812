/// `spec` of a ``Node``.
public struct NodeSpec: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// Whether new pods are kept off the node (`kubectl cordon`).
    public var unschedulable: Bool? {
        get { self[field: "unschedulable"] }
        set { self[field: "unschedulable"] = newValue }
    }

    /// Taints that repel pods without a matching toleration.
    public var taints: [Taint] {
        get { self[list: "taints"] }
        set { self[list: "taints"] = newValue }
    }

    /// The cloud provider's id of the machine.
    public var providerID: String? {
        get { self[field: "providerID"] }
        set { self[field: "providerID"] = newValue }
    }

    /// The pod address range of the node.
    public var podCIDR: String? {
        get { self[field: "podCIDR"] }
        set { self[field: "podCIDR"] = newValue }
    }
}
