/// A reference to another object (an Event's `involvedObject`, an endpoint's `targetRef`).
public struct ObjectReference: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The referenced object's `apiVersion`.
    public var apiVersion: String? {
        get { self[field: "apiVersion"] }
        set { self[field: "apiVersion"] = newValue }
    }

    /// The referenced object's kind.
    public var kind: String? {
        get { self[field: "kind"] }
        set { self[field: "kind"] = newValue }
    }

    /// The referenced object's namespace.
    public var namespace: String? {
        get { self[field: "namespace"] }
        set { self[field: "namespace"] = newValue }
    }

    /// The referenced object's name.
    public var name: String? {
        get { self[field: "name"] }
        set { self[field: "name"] = newValue }
    }

    /// The referenced object's uid.
    public var uid: String? {
        get { self[field: "uid"] }
        set { self[field: "uid"] = newValue }
    }

    /// The version of the referenced object the reference was made from.
    public var resourceVersion: String? {
        get { self[field: "resourceVersion"] }
        set { self[field: "resourceVersion"] = newValue }
    }

    /// A part of the object, such as `spec.containers{web}`.
    public var fieldPath: String? {
        get { self[field: "fieldPath"] }
        set { self[field: "fieldPath"] = newValue }
    }
}
