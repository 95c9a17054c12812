/// The objects of one resource that a controller must look at in its next pass, as the work queue
/// of a real controller (client-go's `workqueue`): a change to an object, or to one of its
/// dependents, queues the object once; an object that asked to be looked at again later (a
/// readiness or progress deadline) stays queued until it no longer asks. A pass therefore costs
/// the number of changed objects, not the number of stored ones.
struct WorkQueue {
    private var changed: Set<ObjectKey> = []
    private var waiting: Set<ObjectKey> = []

    /// Queues an object for the next pass.
    mutating func add(_ key: ObjectKey) { changed.insert(key) }

    /// Keeps an object queued for the passes to come (it has a timed change due).
    mutating func addLater(_ key: ObjectKey) { waiting.insert(key) }

    /// Empties the queue: the objects to look at now, in storage-key order (the order of a list).
    mutating func take() -> [ObjectKey] {
        let keys = changed.union(waiting).sorted()
        changed = []
        waiting = []
        return keys
    }

    /// Whether an object is queued (for tests of the queueing rules).
    func contains(_ key: ObjectKey) -> Bool { changed.contains(key) || waiting.contains(key) }

    /// How many objects are queued.
    var count: Int { changed.union(waiting).count }
}
