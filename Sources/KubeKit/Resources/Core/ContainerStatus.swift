/// The state of one container of a pod.
public struct ContainerStatus: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The container's name.
    public var name: String? {
        get { self[field: "name"] }
        set { self[field: "name"] = newValue }
    }

    /// Whether the container passes its readiness probe.
    public var ready: Bool? {
        get { self[field: "ready"] }
        set { self[field: "ready"] = newValue }
    }

    /// Whether the container passed its startup probe.
    public var started: Bool? {
        get { self[field: "started"] }
        set { self[field: "started"] = newValue }
    }

    /// How often the container was restarted.
    public var restartCount: Int? {
        get { self[field: "restartCount"] }
        set { self[field: "restartCount"] = newValue }
    }

    /// The image the container runs.
    public var image: String? {
        get { self[field: "image"] }
        set { self[field: "image"] = newValue }
    }

    /// The image's digest.
    public var imageID: String? {
        get { self[field: "imageID"] }
        set { self[field: "imageID"] = newValue }
    }

    /// The runtime's id of the container.
    public var containerID: String? {
        get { self[field: "containerID"] }
        set { self[field: "containerID"] = newValue }
    }

    /// The current state.
    public var state: ContainerState {
        get { self[nested: "state"] }
        set { self[nested: "state"] = newValue }
    }

    /// The state before the last restart.
    public var lastState: ContainerState {
        get { self[nested: "lastState"] }
        set { self[nested: "lastState"] = newValue }
    }
}
