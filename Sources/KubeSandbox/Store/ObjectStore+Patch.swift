import Foundation

extension ObjectStore {
    /// Applies a patch to the current object and stores the result as an update. A patch that
    /// sets `metadata.resourceVersion` makes it a precondition, as on the real server.
    func patch(_ type: ResourceType, namespace: String, name: String, subresource: String?, context: WriteContext,
               transform: (JSON) throws -> JSON) throws -> StoredObject {
        let ns = type.namespaced ? namespace : ""
        guard let current = get(type, namespace: ns, name: name) else { throw APIError.notFound(type, name) }
        var patched = try transform(current.object)
        guard patched.objectValue != nil else { throw APIError.badRequest("the patch turned the object into something that is not a JSON object") }
        if patched.string(at: "metadata", "name") == nil { patched.setValue(.string(name), at: ["metadata", "name"]) }
        if patched.string(at: "metadata", "resourceVersion") == nil {
            patched.setValue(.string(String(current.resourceVersion)), at: ["metadata", "resourceVersion"])
        }
        return try update(type, namespace: namespace, name: name, body: patched, subresource: subresource, context: context).0
    }

    /// Server-side apply: creates the object from the configuration, or merges it into the live
    /// object under the field manager's ownership.
    func apply(_ type: ResourceType, namespace: String, name: String, config: JSON, subresource: String?, force: Bool,
               context: WriteContext) throws -> (StoredObject, created: Bool) {
        guard config.objectValue != nil else { throw APIError.badRequest("the apply configuration must be an object") }
        guard let apiVersion = config["apiVersion"].stringValue, !apiVersion.isEmpty, let kind = config["kind"].stringValue, !kind.isEmpty else {
            throw APIError.badRequest("invalid object type: the apply configuration must set apiVersion and kind")
        }
        _ = (apiVersion, kind)
        if let configName = config.string(at: "metadata", "name"), configName != name {
            throw APIError.badRequest("the name of the object (\(configName)) does not match the name on the URL (\(name))")
        }
        let ns = type.namespaced ? namespace : ""
        guard let current = get(type, namespace: ns, name: name) else {
            guard subresource == nil else { throw APIError.notFound(type, name) }
            var object = config
            object.setValue(.string(name), at: ["metadata", "name"])
            let entry = ManagedFields.Entry(manager: context.manager, operation: .apply, apiVersion: type.groupVersion,
                                            time: Timestamp.format(now()), subresource: nil, fields: FieldSet.of(config))
            ManagedFields.store([entry], on: &object)
            var createContext = context
            createContext.trackFields = false
            return (try create(type, namespace: namespace, body: object, context: createContext), true)
        }
        let merged = try ServerSideApply.apply(config, to: current.object, manager: context.manager, apiVersion: type.groupVersion,
                                               force: force, time: now(), type: type, name: name)
        return try update(type, namespace: namespace, name: name, body: merged, subresource: subresource, context: context, operation: .apply)
    }

    /// Deletes every object a list would return.
    func deleteCollection(_ type: ResourceType, namespace: String?, options: ListOptions, deleteOptions: DeleteOptions) throws -> [StoredObject] {
        var deleted: [StoredObject] = []
        for object in all(type, namespace: namespace) where options.matches(object.object) {
            if let outcome = try? delete(type, namespace: object.namespace, name: object.name, options: deleteOptions) {
                deleted.append(outcome.object)
            }
        }
        return deleted
    }

    /// The `namespaces/{name}/finalize` subresource: replaces `spec.finalizers`.
    func finalizeNamespace(_ name: String, finalizers: JSON?) throws -> StoredObject {
        let type = ResourceCatalog.namespaces
        guard let current = get(type, namespace: "", name: name) else { throw APIError.notFound(type, name) }
        var object = current.object
        object.setValue(finalizers ?? .array([]), at: ["spec", "finalizers"])
        return controllerWrite(type, object) ?? current
    }
}
