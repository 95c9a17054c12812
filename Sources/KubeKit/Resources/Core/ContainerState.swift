/// A container's state: exactly one of `waiting`, `running` or `terminated` is set.
public struct ContainerState: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// Set while the container is not running yet (or again).
    public var waiting: ContainerStateWaiting? {
        get { self[field: "waiting"] }
        set { self[field: "waiting"] = newValue }
    }

    /// Set while the container runs.
    public var running: ContainerStateRunning? {
        get { self[field: "running"] }
        set { self[field: "running"] = newValue }
    }

    /// Set once the container has exited.
    public var terminated: ContainerStateTerminated? {
        get { self[field: "terminated"] }
        set { self[field: "terminated"] = newValue }
    }
}
