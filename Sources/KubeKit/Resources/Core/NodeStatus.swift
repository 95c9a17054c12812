/// `status` of a ``Node``.
public struct NodeStatus: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The node's total resources (`cpu`, `memory`, `pods`).
    public var capacity: [String: Quantity] {
        get { self[map: "capacity"] }
        set { self[map: "capacity"] = newValue }
    }

    /// What is left for pods after system reservations.
    public var allocatable: [String: Quantity] {
        get { self[map: "allocatable"] }
        set { self[map: "allocatable"] = newValue }
    }

    /// `Ready`, `MemoryPressure`, `DiskPressure` …
    public var conditions: [StatusCondition] {
        get { self[list: "conditions"] }
        set { self[list: "conditions"] = newValue }
    }

    /// The node's addresses.
    public var addresses: [NodeAddress] {
        get { self[list: "addresses"] }
        set { self[list: "addresses"] = newValue }
    }

    /// Versions of the kubelet, runtime and OS.
    public var nodeInfo: JSONValue? {
        get { self[field: "nodeInfo"] }
        set { self[field: "nodeInfo"] = newValue }
    }

    /// Deprecated; unset on current servers.
    public var phase: String? {
        get { self[field: "phase"] }
        set { self[field: "phase"] = newValue }
    }
}
