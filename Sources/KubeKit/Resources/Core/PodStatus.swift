import Foundation

/// `status` of a ``Pod``.
public struct PodStatus: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String? {
        get { self[field: "phase"] }
        set { self[field: "phase"] = newValue }
    }

    /// `PodScheduled`, `Initialized`, `ContainersReady`, `Ready` …
    public var conditions: [StatusCondition] {
        get { self[list: "conditions"] }
        set { self[list: "conditions"] = newValue }
    }

    /// The state of each application container.
    public var containerStatuses: [ContainerStatus] {
        get { self[list: "containerStatuses"] }
        set { self[list: "containerStatuses"] = newValue }
    }

    /// The state of each init container.
    public var initContainerStatuses: [ContainerStatus] {
        get { self[list: "initContainerStatuses"] }
        set { self[list: "initContainerStatuses"] = newValue }
    }

    /// The node's address.
    public var hostIP: String? {
        get { self[field: "hostIP"] }
        set { self[field: "hostIP"] = newValue }
    }

    /// The pod's address.
    public var podIP: String? {
        get { self[field: "podIP"] }
        set { self[field: "podIP"] = newValue }
    }

    /// All of the pod's addresses.
    public var podIPs: [JSONValue] {
        get { self[list: "podIPs"] }
        set { self[list: "podIPs"] = newValue }
    }

    /// When the kubelet acknowledged the pod.
    public var startTime: Date? {
        get { self[field: "startTime"] }
        set { self[field: "startTime"] = newValue }
    }

    /// Why the pod is in this state, such as `Evicted`.
    public var reason: String? {
        get { self[field: "reason"] }
        set { self[field: "reason"] = newValue }
    }

    /// A human-readable explanation.
    public var message: String? {
        get { self[field: "message"] }
        set { self[field: "message"] = newValue }
    }

    /// `Guaranteed`, `Burstable` or `BestEffort`.
    public var qosClass: String? {
        get { self[field: "qosClass"] }
        set { self[field: "qosClass"] = newValue }
    }
}
