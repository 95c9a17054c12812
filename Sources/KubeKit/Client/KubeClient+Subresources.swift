extension KubeClient {
    /// Replaces an object's `status` (the `status` subresource), guarded by its resourceVersion.
    public func replaceStatus<T: KubernetesResource>(_ object: T, in namespace: String? = nil, options: WriteOptions = .init()) async throws -> T {
        T(object: try await objectReplace(T.apiResource, object.object, namespace: namespace, subresource: "status", options: options))
    }

    /// Patches an object's `status` subresource.
    public func patchStatus<T: KubernetesResource>(
        _ type: T.Type, _ name: String, in namespace: String? = nil, _ patch: Patch, options: WriteOptions = .init()
    ) async throws -> T {
        T(object: try await objectPatch(T.apiResource, name, namespace: namespace, patch, subresource: "status", options: options))
    }

    /// Reads the `scale` subresource of a Deployment or ReplicaSet.
    public func getScale<T: KubernetesResource>(_ type: T.Type, _ name: String, in namespace: String? = nil) async throws -> Scale {
        Scale(object: try await objectGet(T.apiResource, name, namespace: namespace, subresource: "scale"))
    }

    /// Replaces the `scale` subresource (guarded by the Scale's resourceVersion when it has one).
    public func replaceScale<T: KubernetesResource>(_ type: T.Type, _ name: String, in namespace: String? = nil, _ scale: Scale) async throws -> Scale
    {
        var object = scale.object
        object["apiVersion"] = object["apiVersion"] ?? .string(Scale.apiResource.apiVersion)
        object["kind"] = object["kind"] ?? .string(Scale.apiResource.kind)
        var metadata = ObjectMeta(object: object["metadata"]?.objectValue ?? [:])
        metadata.name = metadata.name ?? name
        object["metadata"] = metadata.json
        let namespace = try objectNamespace(T.apiResource, given: namespace, objectNamespace: metadata.namespace)
        let request = KubeRequest(
            method: "PUT", path: path(T.apiResource, namespace: namespace, name: name, subresource: "scale"),
            body: JSONValue.object(object).serialized(), contentType: "application/json", retry: .idempotent
        )
        return Scale(object: try await sendForObject(request))
    }

    /// Sets the desired replicas through the `scale` subresource (a merge patch), as
    /// `kubectl scale` does.
    public func scale<T: KubernetesResource>(_ type: T.Type, _ name: String, in namespace: String? = nil, replicas: Int) async throws -> Scale {
        let patch = Patch.merge(["spec": ["replicas": .integer(Int64(replicas))]])
        return Scale(object: try await objectPatch(T.apiResource, name, namespace: namespace, patch, subresource: "scale", options: .init()))
    }
}
