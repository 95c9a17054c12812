import Foundation

/// A taint of a ``Node``.
public struct Taint: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The taint's key.
    public var key: String? {
        get { self[field: "key"] }
        set { self[field: "key"] = newValue }
    }

    /// The taint's value.
    public var value: String? {
        get { self[field: "value"] }
        set { self[field: "value"] = newValue }
    }

    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: String? {
        get { self[field: "effect"] }
        set { self[field: "effect"] = newValue }
    }

    /// When a `NoExecute` taint was added.
    public var timeAdded: Date? {
        get { self[field: "timeAdded"] }
        set { self[field: "timeAdded"] = newValue }
    }
}
