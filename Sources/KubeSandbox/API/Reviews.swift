/// The review resources kubectl's `auth` commands create: answered from the request's
/// identity, never stored. The sandbox authorizes every authenticated user for everything.
enum Reviews {
    static func answer(_ type: ResourceType, body: JSON, identity: Authenticator.Identity?) throws -> APIResponse {
        let username = identity?.name ?? "system:anonymous"
        let groups = identity?.groups ?? ["system:unauthenticated"]
        var object = body
        object["apiVersion"] = .string(type.groupVersion)
        object["kind"] = .string(type.kind)
        object["metadata"] = ["creationTimestamp": nil]
        switch type {
        case ResourceCatalog.selfSubjectReviews:
            object["status"] = ["userInfo": ["username": .string(username), "groups": .array(groups.map { .string($0) })]]
        default:
            object["status"] = ["allowed": true, "reason": "kube-sandbox authorizes every request it authenticates"]
        }
        return .rawJSON(ObjectStore.reorderTypeMeta(object).bytes, status: 201)
    }
}
