/// One open watch: what it selects and where its events go.
final class Watcher: Sendable {
    let id: Int
    let type: ResourceType
    let namespace: String?
    let options: ListOptions
    let continuation: AsyncStream<[UInt8]>.Continuation
    /// Turns an event type and object into the bytes of one event line.
    let encode: @Sendable (String, StoredObject) -> [UInt8]

    init(id: Int, type: ResourceType, namespace: String?, options: ListOptions,
         continuation: AsyncStream<[UInt8]>.Continuation, encode: @escaping @Sendable (String, StoredObject) -> [UInt8]) {
        self.id = id
        self.type = type
        self.namespace = namespace
        self.options = options
        self.continuation = continuation
        self.encode = encode
    }

    func selects(_ object: StoredObject) -> Bool {
        if let namespace, object.namespace != namespace { return false }
        return options.matches(object.object)
    }

    /// Sends an event, turned into ADDED or DELETED when the object moved into or out of the selection.
    func deliver(_ event: WatchEvent) {
        let now = selects(event.object)
        switch event.kind {
        case .added:
            if now { continuation.yield(encode("ADDED", event.object)) }
        case .deleted:
            if now || (event.previous.map(selects) ?? false) { continuation.yield(encode("DELETED", event.object)) }
        case .modified:
            let before = event.previous.map(selects) ?? false
            if now && before {
                continuation.yield(encode("MODIFIED", event.object))
            } else if now {
                continuation.yield(encode("ADDED", event.object))
            } else if before {
                continuation.yield(encode("DELETED", event.object))
            }
        }
    }
}
