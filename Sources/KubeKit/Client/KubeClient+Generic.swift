extension KubeClient {
    /// Reads one object of any kind.
    public func get(_ resource: APIResource, _ name: String, in namespace: String? = nil) async throws -> GenericResource {
        GenericResource(object: try await objectGet(resource, name, namespace: namespace))
    }

    /// Lists objects of any kind, every page gathered.
    public func list(
        _ resource: APIResource, in namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil, pageSize: Int = 500
    ) async throws -> ResourceList<GenericResource> {
        let result = try await collectionList(
            resource, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector, pageSize: pageSize)
        return ResourceList(items: result.items.map(GenericResource.init(object:)), resourceVersion: result.resourceVersion)
    }

    /// Creates an object of any kind (`apiVersion` and `kind` are filled in from `resource`
    /// when missing).
    public func create(_ resource: APIResource, _ object: GenericResource, in namespace: String? = nil, options: WriteOptions = .init()) async throws
        -> GenericResource
    {
        GenericResource(object: try await objectCreate(resource, object.object, namespace: namespace, options: options))
    }

    /// Replaces an object of any kind, guarded by its `resourceVersion`.
    public func replace(_ resource: APIResource, _ object: GenericResource, in namespace: String? = nil, options: WriteOptions = .init()) async throws
        -> GenericResource
    {
        GenericResource(object: try await objectReplace(resource, object.object, namespace: namespace, options: options))
    }

    /// Patches an object of any kind.
    public func patch(
        _ resource: APIResource, _ name: String, in namespace: String? = nil, _ patch: Patch, options: WriteOptions = .init()
    ) async throws -> GenericResource {
        GenericResource(object: try await objectPatch(resource, name, namespace: namespace, patch, options: options))
    }

    /// Deletes an object of any kind.
    public func delete(_ resource: APIResource, _ name: String, in namespace: String? = nil, options: DeleteOptions = .init()) async throws {
        try await objectDelete(resource, name, namespace: namespace, options: options)
    }
}
