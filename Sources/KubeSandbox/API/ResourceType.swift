/// One kind of object the sandbox serves, as discovery describes it.
public struct ResourceType: Sendable, Hashable {
    /// The API group (`""` for core).
    public let group: String
    /// The version served (the storage version too).
    public let version: String
    /// The plural, lower-case resource name used in paths.
    public let resource: String
    /// The singular name.
    public let singular: String
    /// The kind.
    public let kind: String
    /// Whether objects live in namespaces.
    public let namespaced: Bool
    /// Short names kubectl accepts (`deploy`, `svc`…).
    public let shortNames: [String]
    /// Discovery categories (`all`).
    public let categories: [String]
    /// Subresources served (`status`, `scale`).
    public let subresources: [String]
    /// Whether the object has a spec whose changes bump `metadata.generation`.
    public let hasGeneration: Bool

    /// `group/version`, or `version` for core.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `resource.group`, or `resource` for core: how messages name the resource.
    public var qualifiedResource: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// The verbs discovery lists.
    public var verbs: [String] {
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
    }

    /// The path prefix of the group version: `/api/v1` or `/apis/apps/v1`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }
}
