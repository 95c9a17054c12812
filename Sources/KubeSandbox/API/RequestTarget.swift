/// What a request path addresses: a resource collection, one object, or one of its subresources
/// (the real server's `RequestInfo`).
struct RequestTarget: Sendable {
    var type: ResourceType
    /// The namespace from the path (nil for cluster-scoped paths and all-namespace lists).
    var namespace: String?
    var name: String?
    var subresource: String?
    /// A legacy `/watch/` path.
    var legacyWatch = false

    /// Parses `/api/v1/...` and `/apis/group/version/...`; nil when the path is not a resource path.
    static func parse(_ path: String) throws -> RequestTarget? {
        var segments = path.split(separator: "/").map(String.init)
        let group: String
        let version: String
        if segments.first == "api", segments.count >= 3 {
            group = ""
            version = segments[1]
            segments.removeFirst(2)
        } else if segments.first == "apis", segments.count >= 4 {
            group = segments[1]
            version = segments[2]
            segments.removeFirst(3)
        } else {
            return nil
        }
        var legacyWatch = false
        if segments.first == "watch" {
            legacyWatch = true
            segments.removeFirst()
        }
        guard !segments.isEmpty else { return nil }
        var namespace: String?
        if segments[0] == "namespaces", segments.count >= 3,
           ResourceCatalog.lookup(group: group, version: version, resource: segments[2]) != nil {
            namespace = segments[1]
            segments.removeFirst(2)
        }
        guard let type = ResourceCatalog.lookup(group: group, version: version, resource: segments[0]) else {
            throw APIError.pathNotFound()
        }
        var target = RequestTarget(type: type, namespace: namespace, name: nil, subresource: nil, legacyWatch: legacyWatch)
        if segments.count > 1 { target.name = segments[1] }
        if segments.count > 2 { target.subresource = segments[2] }
        if segments.count > 3 { throw APIError.pathNotFound() }
        if let subresource = target.subresource, !type.subresources.contains(subresource) { throw APIError.pathNotFound() }
        if type.namespaced, namespace == nil, target.name != nil { throw APIError.pathNotFound() }
        if !type.namespaced, namespace != nil { throw APIError.pathNotFound() }
        return target
    }
}
