import Foundation
import SDKCore

/// The one implementation of every operation, on JSON objects; the typed and generic public
/// operations are thin wrappers around it.
extension KubeClient {
    func objectGet(_ resource: APIResource, _ name: String, namespace: String?, subresource: String? = nil) async throws -> [String: JSONValue] {
        try requireName(name, resource)
        let namespace = try objectNamespace(resource, given: namespace)
        return try await sendForObject(.get(path(resource, namespace: namespace, name: name, subresource: subresource)))
    }

    func objectCreate(
        _ resource: APIResource, _ object: [String: JSONValue], namespace: String?, options: WriteOptions
    ) async throws -> [String: JSONValue] {
        var object = object
        object["apiVersion"] = object["apiVersion"] ?? .string(resource.apiVersion)
        object["kind"] = object["kind"] ?? .string(resource.kind)
        let metadata = ObjectMeta(object: object["metadata"]?.objectValue ?? [:])
        guard metadata.name?.isEmpty == false || metadata.generateName?.isEmpty == false else {
            throw KubeError(
                reason: .invalidRequest, code: 0, message: "the new \(resource.kind) has neither metadata.name nor metadata.generateName; set one")
        }
        let namespace = try objectNamespace(resource, given: namespace, objectNamespace: metadata.namespace)
        let request = KubeRequest(
            method: "POST", path: path(resource, namespace: namespace), query: options.query,
            body: JSONValue.object(object).serialized(), contentType: "application/json", retry: .onlyIfRejected
        )
        return try await sendForObject(request)
    }

    func objectReplace(
        _ resource: APIResource, _ object: [String: JSONValue], namespace: String?, subresource: String? = nil, options: WriteOptions
    ) async throws -> [String: JSONValue] {
        var object = object
        object["apiVersion"] = object["apiVersion"] ?? .string(resource.apiVersion)
        object["kind"] = object["kind"] ?? .string(resource.kind)
        let metadata = ObjectMeta(object: object["metadata"]?.objectValue ?? [:])
        guard let name = metadata.name, !name.isEmpty else {
            throw KubeError(reason: .invalidRequest, code: 0, message: "the \(resource.kind) to replace has no metadata.name")
        }
        guard metadata.resourceVersion?.isEmpty == false else {
            throw KubeError(
                reason: .invalidRequest, code: 0,
                message: "replace needs metadata.resourceVersion so that it cannot overwrite a newer version of \(resource) \"\(name)\"; "
                    + "get the object, change it and replace that, or send a patch"
            )
        }
        let namespace = try objectNamespace(resource, given: namespace, objectNamespace: metadata.namespace)
        let request = KubeRequest(
            method: "PUT", path: path(resource, namespace: namespace, name: name, subresource: subresource), query: options.query,
            body: JSONValue.object(object).serialized(), contentType: "application/json", retry: .idempotent
        )
        return try await sendForObject(request)
    }

    func objectPatch(
        _ resource: APIResource, _ name: String, namespace: String?, _ patch: Patch, subresource: String? = nil, options: WriteOptions
    ) async throws -> [String: JSONValue] {
        try requireName(name, resource)
        let namespace = try objectNamespace(resource, given: namespace)
        var options = options
        if let manager = patch.fieldManager { options.fieldManager = manager }
        var query = options.query
        if patch.force { query.append(("force", "true")) }
        let request = KubeRequest(
            method: "PATCH", path: path(resource, namespace: namespace, name: name, subresource: subresource), query: query,
            body: patch.body.serialized(), contentType: patch.contentType, retry: patch.isIdempotent ? .idempotent : .onlyIfRejected
        )
        return try await sendForObject(request)
    }

    func objectDelete(_ resource: APIResource, _ name: String, namespace: String?, options: DeleteOptions) async throws {
        try requireName(name, resource)
        let namespace = try objectNamespace(resource, given: namespace)
        let request = KubeRequest(
            method: "DELETE", path: path(resource, namespace: namespace, name: name),
            body: options.json.serialized(), contentType: "application/json", retry: .idempotent
        )
        _ = try await send(request)
    }

    func collectionDelete(
        _ resource: APIResource, namespace: String?, labelSelector: String?, fieldSelector: String?, options: DeleteOptions
    ) async throws {
        var query: [(name: String, value: String)] = []
        if let labelSelector, !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(("fieldSelector", fieldSelector)) }
        let request = KubeRequest(
            method: "DELETE", path: path(resource, namespace: collectionNamespace(resource, given: namespace)), query: query,
            body: options.json.serialized(), contentType: "application/json", retry: .idempotent
        )
        _ = try await send(request)
    }
}
