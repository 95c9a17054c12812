/// One change of one object, as kept in a resource's history and sent to watchers.
struct WatchEvent: Sendable {
    enum Kind: String, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED"
    }

    var kind: Kind
    var key: ObjectKey
    /// The object after the change (for a deletion: its last state, with the deletion's version).
    var object: StoredObject
    /// The object before the change (nil for an addition).
    var previous: StoredObject?

    var resourceVersion: UInt64 { object.resourceVersion }
}
