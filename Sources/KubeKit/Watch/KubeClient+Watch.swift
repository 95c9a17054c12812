extension KubeClient {
    /// Watches objects and delivers every change, resuming by itself when the connection is cut.
    ///
    /// Without `resourceVersion`, the watch starts by listing: the current objects arrive as
    /// ``WatchEventType/added`` events, then changes after that list. With one (from a list or
    /// an object), only changes after it arrive. A cut connection resumes from the last version
    /// seen, so no event is lost or repeated; if that version is too old (410 Gone), the
    /// collection is listed again and the difference is delivered as events (objects the watch
    /// had not seen arrive as ``WatchEventType/added``).
    ///
    /// Iterate the stream to receive events; stop iterating (or cancel the task) to end the watch.
    /// - Parameters:
    ///   - namespace: `nil` for the client's default, ``KubeClient/allNamespaces`` for all.
    ///   - name: watch only the object of this name (a `metadata.name` field selector).
    public func watch<T: KubernetesResource>(
        _ type: T.Type,
        in namespace: String? = nil,
        name: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        resourceVersion: String? = nil,
        options: WatchOptions = .init()
    ) -> AsyncThrowingStream<WatchEvent<T>, any Error> {
        let raw = watch(
            T.apiResource, in: namespace, name: name, labelSelector: labelSelector, fieldSelector: fieldSelector, resourceVersion: resourceVersion,
            options: options)
        return Self.stream { yield in
            for try await event in raw {
                yield(WatchEvent(type: event.type, object: T(object: event.object.object)))
            }
        }
    }

    /// Watches objects of any kind; see ``watch(_:in:name:labelSelector:fieldSelector:resourceVersion:options:)-(T.Type,_,_,_,_,_,_)``.
    public func watch(
        _ resource: APIResource,
        in namespace: String? = nil,
        name: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        resourceVersion: String? = nil,
        options: WatchOptions = .init()
    ) -> AsyncThrowingStream<WatchEvent<GenericResource>, any Error> {
        let selectors = [name.map { "metadata.name=\($0)" }, fieldSelector].compactMap { $0 }.filter { !$0.isEmpty }
        let loop = WatchLoop(
            client: self, resource: resource, namespace: collectionNamespace(resource, given: namespace),
            labelSelector: labelSelector, fieldSelector: selectors.isEmpty ? nil : selectors.joined(separator: ","), options: options
        )
        return Self.stream { yield in
            try await loop.run(from: resourceVersion) { event in
                yield(WatchEvent(type: event.type, object: GenericResource(object: event.object)))
            }
        }
    }

    /// A stream fed by `produce` in a task of its own, which is cancelled when the consumer
    /// stops iterating.
    static func stream<Element: Sendable>(
        _ produce: @escaping @Sendable (_ yield: @escaping @Sendable (Element) -> Void) async throws -> Void
    ) -> AsyncThrowingStream<Element, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await produce { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
