import Foundation

/// A status condition (`status.conditions[]`) of a Deployment, ReplicaSet, Pod or Node.
public struct StatusCondition: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The condition type, such as `Available`, `Progressing`, `Ready` or `PodScheduled`.
    public var type: String? {
        get { self[field: "type"] }
        set { self[field: "type"] = newValue }
    }

    /// `True`, `False` or `Unknown`.
    public var status: String? {
        get { self[field: "status"] }
        set { self[field: "status"] = newValue }
    }

    /// A CamelCase reason for the last transition, such as `ProgressDeadlineExceeded`.
    public var reason: String? {
        get { self[field: "reason"] }
        set { self[field: "reason"] = newValue }
    }

    /// A human-readable explanation.
    public var message: String? {
        get { self[field: "message"] }
        set { self[field: "message"] = newValue }
    }

    /// When the status last changed.
    public var lastTransitionTime: Date? {
        get { self[field: "lastTransitionTime"] }
        set { self[field: "lastTransitionTime"] = newValue }
    }

    /// When the condition was last updated (Deployments, ReplicaSets).
    public var lastUpdateTime: Date? {
        get { self[field: "lastUpdateTime"] }
        set { self[field: "lastUpdateTime"] = newValue }
    }

    /// When the condition was last probed (Pods).
    public var lastProbeTime: Date? {
        get { self[field: "lastProbeTime"] }
        set { self[field: "lastProbeTime"] = newValue }
    }

    /// When the condition was last reported (Nodes).
    public var lastHeartbeatTime: Date? {
        get { self[field: "lastHeartbeatTime"] }
        set { self[field: "lastHeartbeatTime"] = newValue }
    }

    /// The generation the condition was set for, when the server records it.
    public var observedGeneration: Int64? {
        get { self[field: "observedGeneration"] }
        set { self[field: "observedGeneration"] = newValue }
    }
}
