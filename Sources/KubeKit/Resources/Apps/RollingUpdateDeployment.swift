/// `spec.strategy.rollingUpdate` of a ``Deployment``.
public struct RollingUpdateDeployment: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// How many pods may be unavailable during the update (a number or a percentage).
    public var maxUnavailable: IntOrString? {
        get { self[field: "maxUnavailable"] }
        set { self[field: "maxUnavailable"] = newValue }
    }

    /// How many pods may exist above the desired count (a number or a percentage).
    public var maxSurge: IntOrString? {
        get { self[field: "maxSurge"] }
        set { self[field: "maxSurge"] = newValue }
    }
}
