/// `spec` of a ``Deployment``.
public struct DeploymentSpec: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The desired number of pods (the server defaults it to 1).
    public var replicas: Int? {
        get { self[field: "replicas"] }
        set { self[field: "replicas"] = newValue }
    }

    /// The pods this Deployment manages; must match the template's labels.
    public var selector: LabelSelector {
        get { self[nested: "selector"] }
        set { self[nested: "selector"] = newValue }
    }

    /// The pods to create.
    public var template: PodTemplateSpec {
        get { self[nested: "template"] }
        set { self[nested: "template"] = newValue }
    }

    /// How old pods are replaced by new ones.
    public var strategy: DeploymentStrategy {
        get { self[nested: "strategy"] }
        set { self[nested: "strategy"] = newValue }
    }

    /// How long a new pod must be ready before it counts as available.
    public var minReadySeconds: Int? {
        get { self[field: "minReadySeconds"] }
        set { self[field: "minReadySeconds"] = newValue }
    }

    /// How many old ReplicaSets to keep for rollback.
    public var revisionHistoryLimit: Int? {
        get { self[field: "revisionHistoryLimit"] }
        set { self[field: "revisionHistoryLimit"] = newValue }
    }

    /// Whether the rollout is paused.
    public var paused: Bool? {
        get { self[field: "paused"] }
        set { self[field: "paused"] = newValue }
    }

    /// How long the rollout may make no progress before `ProgressDeadlineExceeded`.
    public var progressDeadlineSeconds: Int? {
        get { self[field: "progressDeadlineSeconds"] }
        set { self[field: "progressDeadlineSeconds"] = newValue }
    }
}

extension DeploymentSpec {
    /// A spec running `replicas` copies of `template`, selected by `selector`.
    public init(replicas: Int? = nil, selector: LabelSelector, template: PodTemplateSpec) {
        self.init(object: [:])
        self.replicas = replicas
        self.selector = selector
        self.template = template
    }
}
