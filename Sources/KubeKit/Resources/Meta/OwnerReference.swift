/// An entry of `metadata.ownerReferences`: an object this one belongs to.
public struct OwnerReference: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// A reference to `owner`.
    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.object = [:]
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }

    /// The owner's `apiVersion`.
    public var apiVersion: String? {
        get { self[field: "apiVersion"] }
        set { self[field: "apiVersion"] = newValue }
    }
    /// The owner's kind.
    public var kind: String? {
        get { self[field: "kind"] }
        set { self[field: "kind"] = newValue }
    }
    /// The owner's name.
    public var name: String? {
        get { self[field: "name"] }
        set { self[field: "name"] = newValue }
    }
    /// The owner's uid.
    public var uid: String? {
        get { self[field: "uid"] }
        set { self[field: "uid"] = newValue }
    }
    /// Whether the owner is the managing controller.
    public var controller: Bool? {
        get { self[field: "controller"] }
        set { self[field: "controller"] = newValue }
    }
    /// Whether foreground deletion of the owner waits for this object.
    public var blockOwnerDeletion: Bool? {
        get { self[field: "blockOwnerDeletion"] }
        set { self[field: "blockOwnerDeletion"] = newValue }
    }
}
