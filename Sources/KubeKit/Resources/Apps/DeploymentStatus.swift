/// `status` of a ``Deployment``, written by the deployment controller.
public struct DeploymentStatus: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The generation the controller last acted on.
    public var observedGeneration: Int64? {
        get { self[field: "observedGeneration"] }
        set { self[field: "observedGeneration"] = newValue }
    }

    /// Pods of every ReplicaSet of this Deployment.
    public var replicas: Int? {
        get { self[field: "replicas"] }
        set { self[field: "replicas"] = newValue }
    }

    /// Pods of the newest template.
    public var updatedReplicas: Int? {
        get { self[field: "updatedReplicas"] }
        set { self[field: "updatedReplicas"] = newValue }
    }

    /// Pods that are ready.
    public var readyReplicas: Int? {
        get { self[field: "readyReplicas"] }
        set { self[field: "readyReplicas"] = newValue }
    }

    /// Pods ready for at least `minReadySeconds`.
    public var availableReplicas: Int? {
        get { self[field: "availableReplicas"] }
        set { self[field: "availableReplicas"] = newValue }
    }

    /// Pods still needed for 100% availability.
    public var unavailableReplicas: Int? {
        get { self[field: "unavailableReplicas"] }
        set { self[field: "unavailableReplicas"] = newValue }
    }

    /// Pods being terminated (newer servers).
    public var terminatingReplicas: Int? {
        get { self[field: "terminatingReplicas"] }
        set { self[field: "terminatingReplicas"] = newValue }
    }

    /// Template hash collisions seen.
    public var collisionCount: Int? {
        get { self[field: "collisionCount"] }
        set { self[field: "collisionCount"] = newValue }
    }

    /// `Available`, `Progressing` and `ReplicaFailure`.
    public var conditions: [StatusCondition] {
        get { self[list: "conditions"] }
        set { self[list: "conditions"] = newValue }
    }
}
