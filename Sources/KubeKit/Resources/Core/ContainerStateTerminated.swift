import Foundation

/// A container that exited.
public struct ContainerStateTerminated: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The exit status.
    public var exitCode: Int? {
        get { self[field: "exitCode"] }
        set { self[field: "exitCode"] = newValue }
    }

    /// The signal that ended it, if any.
    public var signal: Int? {
        get { self[field: "signal"] }
        set { self[field: "signal"] = newValue }
    }

    /// Such as `Completed`, `Error` or `OOMKilled`.
    public var reason: String? {
        get { self[field: "reason"] }
        set { self[field: "reason"] = newValue }
    }

    /// A human-readable explanation.
    public var message: String? {
        get { self[field: "message"] }
        set { self[field: "message"] = newValue }
    }

    /// When the container started.
    public var startedAt: Date? {
        get { self[field: "startedAt"] }
        set { self[field: "startedAt"] = newValue }
    }

    /// When it exited.
    public var finishedAt: Date? {
        get { self[field: "finishedAt"] }
        set { self[field: "finishedAt"] = newValue }
    }
}
