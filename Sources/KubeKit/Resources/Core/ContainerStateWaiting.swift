/// A waiting container: why it is not running.
public struct ContainerStateWaiting: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// Such as `ContainerCreating`, `ErrImagePull`, `ImagePullBackOff` or `CrashLoopBackOff`.
    public var reason: String? {
        get { self[field: "reason"] }
        set { self[field: "reason"] = newValue }
    }

    /// A human-readable explanation.
    public var message: String? {
        get { self[field: "message"] }
        set { self[field: "message"] = newValue }
    }
}
