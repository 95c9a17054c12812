import Foundation

/// An entry of `metadata.managedFields`: the fields one manager owns.
public struct ManagedFieldsEntry: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The field manager, such as `kubectl-client-side-apply` or `bluegreen`.
    public var manager: String? {
        get { self[field: "manager"] }
        set { self[field: "manager"] = newValue }
    }
    /// `Apply` or `Update`.
    public var operation: String? {
        get { self[field: "operation"] }
        set { self[field: "operation"] = newValue }
    }
    /// The API version the fields are described in.
    public var apiVersion: String? {
        get { self[field: "apiVersion"] }
        set { self[field: "apiVersion"] = newValue }
    }
    /// When the manager last changed its fields.
    public var time: Date? {
        get { self[field: "time"] }
        set { self[field: "time"] = newValue }
    }
    /// The format of ``fieldsV1``, normally `FieldsV1`.
    public var fieldsType: String? {
        get { self[field: "fieldsType"] }
        set { self[field: "fieldsType"] = newValue }
    }
    /// The set of owned fields, in the server's trie format.
    public var fieldsV1: JSONValue? {
        get { self[field: "fieldsV1"] }
        set { self[field: "fieldsV1"] = newValue }
    }
    /// The subresource the manager wrote through (`status`, `scale`), if any.
    public var subresource: String? {
        get { self[field: "subresource"] }
        set { self[field: "subresource"] = newValue }
    }
}
