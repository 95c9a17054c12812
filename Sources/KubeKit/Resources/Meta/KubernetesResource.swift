/// A typed Kubernetes object: a ``JSONObjectModel`` that knows where its kind lives in the API.
///
/// Every typed resource (``Deployment``, ``Service`` …) conforms, and ``KubeClient`` serves all of
/// them through one generic path. To use a kind KubeKit does not model, conform your own type
/// (an `object` property, `init(object:)` and ``apiResource``) or use ``GenericResource``.
public protocol KubernetesResource: JSONObjectModel {
    /// The group, version, kind and plural of this type.
    static var apiResource: APIResource { get }
}

extension KubernetesResource {
    /// A new object of this kind with `apiVersion`, `kind` and `metadata` set.
    public init(metadata: ObjectMeta) {
        self.init(object: [:])
        self.apiVersion = Self.apiResource.apiVersion
        self.kind = Self.apiResource.kind
        self.metadata = metadata
    }

    /// `apiVersion`, such as `apps/v1`.
    public var apiVersion: String? {
        get { self[field: "apiVersion"] }
        set { self[field: "apiVersion"] = newValue }
    }

    /// `kind`, such as `Deployment`.
    public var kind: String? {
        get { self[field: "kind"] }
        set { self[field: "kind"] = newValue }
    }

    /// The standard object metadata.
    public var metadata: ObjectMeta {
        get { self[nested: "metadata"] }
        set { self[nested: "metadata"] = newValue }
    }

    /// `metadata.name`, or an empty string when unset.
    public var name: String { metadata.name ?? "" }

    /// `metadata.namespace`.
    public var namespace: String? { metadata.namespace }

    /// Sets `apiVersion` and `kind` when they are missing (list items arrive without them).
    mutating func fillTypeMeta() {
        if apiVersion == nil { apiVersion = Self.apiResource.apiVersion }
        if kind == nil { kind = Self.apiResource.kind }
    }
}
