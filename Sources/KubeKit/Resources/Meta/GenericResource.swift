/// An object of any kind, as JSON, for kinds KubeKit does not model (custom resources, newer
/// APIs). The client serves it through the same path as the typed resources, given an
/// ``APIResource`` that says where the kind lives.
public struct GenericResource: JSONObjectModel {
    /// The object's JSON members.
    public var object: [String: JSONValue]

    /// Wraps an object's members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A new object of `resource`'s kind with `apiVersion`, `kind` and `metadata` set.
    public init(_ resource: APIResource, metadata: ObjectMeta) {
        self.object = [
            "apiVersion": .string(resource.apiVersion),
            "kind": .string(resource.kind),
            "metadata": metadata.json,
        ]
    }

    /// The standard object metadata.
    public var metadata: ObjectMeta {
        get { self[nested: "metadata"] }
        set { self[nested: "metadata"] = newValue }
    }

    /// `apiVersion`.
    public var apiVersion: String? {
        get { self[field: "apiVersion"] }
        set { self[field: "apiVersion"] = newValue }
    }

    /// `kind`.
    public var kind: String? {
        get { self[field: "kind"] }
        set { self[field: "kind"] = newValue }
    }

    /// Any member, by name.
    public subscript(key: String) -> JSONValue? {
        get { object[key] }
        set { object[key] = newValue }
    }
}
