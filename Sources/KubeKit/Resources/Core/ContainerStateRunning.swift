import Foundation

/// A running container.
public struct ContainerStateRunning: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// When the container started.
    public var startedAt: Date? {
        get { self[field: "startedAt"] }
        set { self[field: "startedAt"] = newValue }
    }
}
