extension KubeClient {
    /// Reads one object.
    /// - Parameter namespace: the object's namespace; `nil` for the client's default.
    /// - Throws: ``KubeError`` (``KubeError/isNotFound`` when there is none).
    public func get<T: KubernetesResource>(_ type: T.Type, _ name: String, in namespace: String? = nil) async throws -> T {
        T(object: try await objectGet(T.apiResource, name, namespace: namespace))
    }

    /// Lists objects, following `continue` tokens until every page is read.
    /// - Parameters:
    ///   - namespace: `nil` for the client's default, ``KubeClient/allNamespaces`` for all.
    ///   - labelSelector: such as `app.kubernetes.io/name=web,tier in (a,b)`.
    ///   - fieldSelector: such as `status.phase=Running` or `metadata.name=web`.
    ///   - pageSize: items per request (`limit`); 0 asks for everything at once.
    public func list<T: KubernetesResource>(
        _ type: T.Type, in namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil, pageSize: Int = 500
    ) async throws -> ResourceList<T> {
        let result = try await collectionList(
            T.apiResource, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector, pageSize: pageSize)
        return ResourceList(items: result.items.map(T.init(object:)), resourceVersion: result.resourceVersion)
    }

    /// Creates an object and returns it as stored (with uid, resourceVersion and defaults).
    /// Never retried on an ambiguous failure (only on 429, which means it was not processed).
    public func create<T: KubernetesResource>(_ object: T, in namespace: String? = nil, options: WriteOptions = .init()) async throws -> T {
        T(object: try await objectCreate(T.apiResource, object.object, namespace: namespace, options: options))
    }

    /// Replaces an object with `object`, which must carry the `resourceVersion` it was read at;
    /// the server refuses with 409 Conflict when the object changed since. Fields the models
    /// do not know are sent back as they were read.
    public func replace<T: KubernetesResource>(_ object: T, in namespace: String? = nil, options: WriteOptions = .init()) async throws -> T {
        T(object: try await objectReplace(T.apiResource, object.object, namespace: namespace, options: options))
    }

    /// Patches an object and returns it as stored.
    public func patch<T: KubernetesResource>(
        _ type: T.Type, _ name: String, in namespace: String? = nil, _ patch: Patch, options: WriteOptions = .init()
    ) async throws -> T {
        T(object: try await objectPatch(T.apiResource, name, namespace: namespace, patch, options: options))
    }

    /// Deletes an object.
    /// - Parameter options: propagation policy, grace period, and preconditions on uid and
    ///   resourceVersion (a mismatch is a 409 Conflict).
    public func delete<T: KubernetesResource>(_ type: T.Type, _ name: String, in namespace: String? = nil, options: DeleteOptions = .init())
        async throws
    {
        try await objectDelete(T.apiResource, name, namespace: namespace, options: options)
    }

    /// Deletes every object the selectors match.
    public func deleteCollection<T: KubernetesResource>(
        _ type: T.Type, in namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil, options: DeleteOptions = .init()
    ) async throws {
        try await collectionDelete(T.apiResource, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector, options: options)
    }
}
