import Foundation

/// `metadata` of every object (meta/v1 ObjectMeta), all of its fields.
public struct ObjectMeta: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// Metadata for a new object.
    public init(
        name: String? = nil,
        namespace: String? = nil,
        labels: [String: String] = [:],
        annotations: [String: String] = [:]
    ) {
        self.object = [:]
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }

    /// The object's name, unique within its namespace and kind.
    public var name: String? {
        get { self[field: "name"] }
        set { self[field: "name"] = newValue }
    }
    /// A prefix the server completes into a unique name when `name` is empty.
    public var generateName: String? {
        get { self[field: "generateName"] }
        set { self[field: "generateName"] = newValue }
    }
    /// The namespace; absent for cluster-scoped objects.
    public var namespace: String? {
        get { self[field: "namespace"] }
        set { self[field: "namespace"] = newValue }
    }
    /// The server-assigned unique id.
    public var uid: String? {
        get { self[field: "uid"] }
        set { self[field: "uid"] = newValue }
    }
    /// The opaque version of this object, for optimistic concurrency and watches.
    public var resourceVersion: String? {
        get { self[field: "resourceVersion"] }
        set { self[field: "resourceVersion"] = newValue }
    }
    /// The generation of the desired state, bumped by the server on spec changes.
    public var generation: Int64? {
        get { self[field: "generation"] }
        set { self[field: "generation"] = newValue }
    }
    /// When the object was created.
    public var creationTimestamp: Date? {
        get { self[field: "creationTimestamp"] }
        set { self[field: "creationTimestamp"] = newValue }
    }
    /// When a graceful deletion started; set by the server.
    public var deletionTimestamp: Date? {
        get { self[field: "deletionTimestamp"] }
        set { self[field: "deletionTimestamp"] = newValue }
    }
    /// The grace period of a pending deletion, in seconds.
    public var deletionGracePeriodSeconds: Int64? {
        get { self[field: "deletionGracePeriodSeconds"] }
        set { self[field: "deletionGracePeriodSeconds"] = newValue }
    }
    /// Labels: identifying key/value pairs that selectors match.
    public var labels: [String: String] {
        get { self[map: "labels"] }
        set { self[map: "labels"] = newValue }
    }
    /// Annotations: non-identifying key/value pairs.
    public var annotations: [String: String] {
        get { self[map: "annotations"] }
        set { self[map: "annotations"] = newValue }
    }
    /// The objects this one depends on (garbage-collection owners).
    public var ownerReferences: [OwnerReference] {
        get { self[list: "ownerReferences"] }
        set { self[list: "ownerReferences"] = newValue }
    }
    /// Finalizers that must be removed before the object is deleted.
    public var finalizers: [String] {
        get { self[list: "finalizers"] }
        set { self[list: "finalizers"] = newValue }
    }
    /// Which field manager set which fields (server-side apply bookkeeping).
    public var managedFields: [ManagedFieldsEntry] {
        get { self[list: "managedFields"] }
        set { self[list: "managedFields"] = newValue }
    }
    /// Deprecated link to the object itself; servers since 1.20 leave it empty.
    public var selfLink: String? {
        get { self[field: "selfLink"] }
        set { self[field: "selfLink"] = newValue }
    }

    /// The owner reference with `controller: true`, if any.
    public var controllerReference: OwnerReference? { ownerReferences.first { $0.controller == true } }
}
