/// `spec` of a ``Pod`` or of a pod template.
public struct PodSpec: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The application containers.
    public var containers: [Container] {
        get { self[list: "containers"] }
        set { self[list: "containers"] = newValue }
    }

    /// Containers run to completion before the application containers.
    public var initContainers: [Container] {
        get { self[list: "initContainers"] }
        set { self[list: "initContainers"] = newValue }
    }

    /// Volumes the containers may mount.
    public var volumes: [JSONValue] {
        get { self[list: "volumes"] }
        set { self[list: "volumes"] = newValue }
    }

    /// `Always`, `OnFailure` or `Never`.
    public var restartPolicy: String? {
        get { self[field: "restartPolicy"] }
        set { self[field: "restartPolicy"] = newValue }
    }

    /// Time allowed for a graceful shutdown.
    public var terminationGracePeriodSeconds: Int64? {
        get { self[field: "terminationGracePeriodSeconds"] }
        set { self[field: "terminationGracePeriodSeconds"] = newValue }
    }

    /// Time a pod may run before it is stopped.
    public var activeDeadlineSeconds: Int64? {
        get { self[field: "activeDeadlineSeconds"] }
        set { self[field: "activeDeadlineSeconds"] = newValue }
    }

    /// How DNS is configured for the pod.
    public var dnsPolicy: String? {
        get { self[field: "dnsPolicy"] }
        set { self[field: "dnsPolicy"] = newValue }
    }

    /// Labels a node must have to run the pod.
    public var nodeSelector: [String: String] {
        get { self[map: "nodeSelector"] }
        set { self[map: "nodeSelector"] = newValue }
    }

    /// The service account the pod runs as.
    public var serviceAccountName: String? {
        get { self[field: "serviceAccountName"] }
        set { self[field: "serviceAccountName"] = newValue }
    }

    /// Whether the service account token is mounted.
    public var automountServiceAccountToken: Bool? {
        get { self[field: "automountServiceAccountToken"] }
        set { self[field: "automountServiceAccountToken"] = newValue }
    }

    /// The node the pod is bound to (set by the scheduler).
    public var nodeName: String? {
        get { self[field: "nodeName"] }
        set { self[field: "nodeName"] = newValue }
    }

    /// Whether the pod uses the node's network namespace.
    public var hostNetwork: Bool? {
        get { self[field: "hostNetwork"] }
        set { self[field: "hostNetwork"] = newValue }
    }

    /// Secrets used to pull the images (`[{name: …}]`).
    public var imagePullSecrets: [JSONValue] {
        get { self[list: "imagePullSecrets"] }
        set { self[list: "imagePullSecrets"] = newValue }
    }

    /// Scheduling affinity rules.
    public var affinity: JSONValue? {
        get { self[field: "affinity"] }
        set { self[field: "affinity"] = newValue }
    }

    /// The scheduler that places the pod.
    public var schedulerName: String? {
        get { self[field: "schedulerName"] }
        set { self[field: "schedulerName"] = newValue }
    }

    /// Taints the pod tolerates.
    public var tolerations: [JSONValue] {
        get { self[list: "tolerations"] }
        set { self[list: "tolerations"] = newValue }
    }

    /// The pod's priority class.
    public var priorityClassName: String? {
        get { self[field: "priorityClassName"] }
        set { self[field: "priorityClassName"] = newValue }
    }

    /// Pod-level security settings.
    public var securityContext: JSONValue? {
        get { self[field: "securityContext"] }
        set { self[field: "securityContext"] = newValue }
    }

    /// How pods spread across topology domains.
    public var topologySpreadConstraints: [JSONValue] {
        get { self[list: "topologySpreadConstraints"] }
        set { self[list: "topologySpreadConstraints"] = newValue }
    }
}

extension PodSpec {
    /// A spec running these containers.
    public init(containers: [Container]) {
        self.init(object: [:])
        self.containers = containers
    }
}
