extension KubeClient {
    /// Reads an object, applies `change` and replaces it, guarded by the resourceVersion it
    /// read; on a conflict (someone else wrote in between, such as a controller updating
    /// status) it reads again and repeats, up to `attempts` times, as client-go's
    /// `RetryOnConflict` does. Fields the models do not know are sent back as they were read.
    /// - Returns: the object as stored.
    /// - Throws: the last ``KubeError`` (``KubeError/isConflict``) when every attempt lost.
    public func update<T: KubernetesResource>(
        _ type: T.Type, _ name: String, in namespace: String? = nil, attempts: Int = 5, options: WriteOptions = .init(),
        _ change: (inout T) throws -> Void
    ) async throws -> T {
        var attempt = 1
        while true {
            var object = try await get(T.self, name, in: namespace)
            try change(&object)
            do {
                return try await replace(object, in: namespace, options: options)
            } catch let error as KubeError where error.isConflict && attempt < attempts {
                logger.debug("update lost a conflict; reading again", metadata: ["name": "\(name)", "attempt": "\(attempt)"])
                attempt += 1
            }
        }
    }
}
