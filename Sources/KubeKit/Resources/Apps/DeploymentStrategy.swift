/// `spec.strategy` of a ``Deployment``.
public struct DeploymentStrategy: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// `RollingUpdate` (the default) or `Recreate`.
    public var type: String? {
        get { self[field: "type"] }
        set { self[field: "type"] = newValue }
    }

    /// The rolling update's limits.
    public var rollingUpdate: RollingUpdateDeployment? {
        get { self[field: "rollingUpdate"] }
        set { self[field: "rollingUpdate"] = newValue }
    }
}
