/// `status` of a ``ReplicaSet``.
public struct ReplicaSetStatus: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// Current pods.
    public var replicas: Int? {
        get { self[field: "replicas"] }
        set { self[field: "replicas"] = newValue }
    }

    /// Pods whose labels match the template's.
    public var fullyLabeledReplicas: Int? {
        get { self[field: "fullyLabeledReplicas"] }
        set { self[field: "fullyLabeledReplicas"] = newValue }
    }

    /// Ready pods.
    public var readyReplicas: Int? {
        get { self[field: "readyReplicas"] }
        set { self[field: "readyReplicas"] = newValue }
    }

    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int? {
        get { self[field: "availableReplicas"] }
        set { self[field: "availableReplicas"] = newValue }
    }

    /// Pods being terminated (newer servers).
    public var terminatingReplicas: Int? {
        get { self[field: "terminatingReplicas"] }
        set { self[field: "terminatingReplicas"] = newValue }
    }

    /// The generation the controller last acted on.
    public var observedGeneration: Int64? {
        get { self[field: "observedGeneration"] }
        set { self[field: "observedGeneration"] = newValue }
    }

    /// Conditions such as `ReplicaFailure`.
    public var conditions: [StatusCondition] {
        get { self[list: "conditions"] }
        set { self[list: "conditions"] = newValue }
    }
}
