/// A container's `resources`: requests and limits of CPU, memory and others.
public struct ResourceRequirements: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// What the scheduler reserves, such as `cpu: 250m`.
    public var requests: [String: Quantity] {
        get { self[map: "requests"] }
        set { self[map: "requests"] = newValue }
    }

    /// The most the container may use.
    public var limits: [String: Quantity] {
        get { self[map: "limits"] }
        set { self[map: "limits"] = newValue }
    }
}
