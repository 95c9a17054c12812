import Foundation
import Logging

/// The sandbox's storage: every object as a JSON document, one resourceVersion counter for the
/// whole store (as etcd has), a bounded history per resource for watches and consistent
/// pagination, and the open watches. Controllers run inside it (through `isolated` parameters),
/// so each of their passes is atomic with respect to API requests.
actor ObjectStore {
    private(set) var resourceVersion: UInt64 = 1
    var tables: [ResourceType: ResourceTable] = [:]
    private var watchers: [ResourceType: [Int: Watcher]] = [:]
    private var nextWatcherID = 0
    let historyLimit: Int
    let logger: Logger
    let now: @Sendable () -> Date
    /// uid → where the object lives.
    private(set) var uidIndex: [String: (ResourceType, ObjectKey)] = [:]
    /// owner uid → dependents (objects whose ownerReferences name it).
    private(set) var dependents: [String: Set<DependentRef>] = [:]
    /// Called after every committed change (outside controller passes), to wake the controllers.
    private var changeHandler: (@Sendable (ResourceType) -> Void)?
    /// Set while controllers run, so their own writes do not wake them again.
    var inControllerPass = false
    /// Counts writes during a controller pass.
    var writesInPass = 0
    /// Random suffixes for generated names.
    var random = SystemRandomNumberGenerator()
    /// Next cluster IP and pod IP counters.
    var nextServiceIP = 10
    var nextNodePort = 30000
    /// uids of removed objects whose dependents the garbage collector must look at.
    var pendingCollection: [String] = []
    /// uids of objects waiting for the garbage collector's `foregroundDeletion` or `orphan` finalizer.
    var pendingFinalization: [String] = []
    /// What the controllers remember between passes.
    var controllerState = ControllerState()

    struct DependentRef: Hashable, Sendable {
        var type: ResourceType
        var key: ObjectKey
    }

    init(historyLimit: Int, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.historyLimit = historyLimit
        self.logger = logger
        self.now = now
        for type in ResourceCatalog.all {
            tables[type] = ResourceTable(historyLimit: historyLimit, startVersion: 0)
        }
    }

    func setChangeHandler(_ handler: @escaping @Sendable (ResourceType) -> Void) {
        changeHandler = handler
    }

    /// Wakes the controllers even for a resource they do not watch (a removal with dependents).
    func requestControllerPass() {
        if !inControllerPass { changeHandler?(ResourceCatalog.nodes) }
    }

    // MARK: - Reading

    func get(_ type: ResourceType, namespace: String, name: String) -> StoredObject? {
        tables[type]?.objects[ObjectKey(namespace: namespace, name: name)]
    }

    func object(uid: String) -> StoredObject? {
        guard let (type, key) = uidIndex[uid] else { return nil }
        return tables[type]?.objects[key]
    }

    func all(_ type: ResourceType, namespace: String? = nil) -> [StoredObject] {
        guard var table = tables[type] else { return [] }
        let keys = table.sortedKeys
        tables[type] = table
        guard let namespace else { return keys.compactMap { table.objects[$0] } }
        guard !namespace.isEmpty else { return keys.lazy.filter { $0.namespace.isEmpty }.compactMap { table.objects[$0] } }
        // The namespace's keys are one run of the sorted keys (`namespace/name`).
        let prefix = namespace + "/"
        var index = Self.firstIndex(in: keys, notBelow: prefix)
        var objects: [StoredObject] = []
        while index < keys.count, keys[index].storageKey.hasPrefix(prefix) {
            if keys[index].namespace == namespace, let object = table.objects[keys[index]] { objects.append(object) }
            index += 1
        }
        return objects
    }

    /// The index of the first key not below `bound` in sorted keys (binary search).
    static func firstIndex(in keys: [ObjectKey], notBelow bound: String) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle].storageKey < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func count(_ type: ResourceType) -> Int { tables[type]?.objects.count ?? 0 }

    /// A page of a list.
    struct ListPage: Sendable {
        var items: [StoredObject]
        var resourceVersion: UInt64
        var continueToken: String?
        var remainingItemCount: Int?
    }

    func list(_ type: ResourceType, namespace: String?, options: ListOptions) throws -> ListPage {
        guard var table = tables[type] else { throw APIError.pathNotFound() }
        var snapshot = resourceVersion
        var start = ""
        if let token = options.continueToken, !token.isEmpty {
            let decoded = try ContinueToken.decode(token)
            snapshot = decoded.resourceVersion
            start = decoded.start
            guard table.canServe(since: snapshot) else {
                throw APIError.gone(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."
                )
            }
        } else if options.resourceVersionMatch == "Exact", let text = options.resourceVersion, let exact = UInt64(text) {
            guard table.canServe(since: exact), exact <= resourceVersion else {
                throw APIError.gone("too old resource version: \(exact) (\(table.oldestResumableVersion))")
            }
            snapshot = exact
        }
        let prefix = namespace.map { "\($0)/" } ?? ""
        let lowerBound = max(start, prefix)

        // The objects as they were at the snapshot: the current ones with the later changes undone.
        let later = table.events(after: snapshot)
        var keys: [ObjectKey]
        var overlay: [ObjectKey: StoredObject?] = [:]
        if later.isEmpty {
            keys = table.sortedKeys
        } else {
            for event in later.reversed() { overlay[event.key] = .some(event.previous) }
            var merged = Set(table.objects.keys)
            merged.formUnion(overlay.keys)
            keys = merged.sorted()
        }
        tables[type] = table
        func state(_ key: ObjectKey) -> StoredObject? {
            if let entry = overlay[key] { return entry }
            return table.objects[key]
        }

        let low = Self.firstIndex(in: keys, notBelow: lowerBound)
        let limit = options.limit.flatMap { $0 > 0 ? $0 : nil } ?? Int.max
        let selective = !options.labelSelector.isEverything || !options.fieldSelector.isEverything
        var items: [StoredObject] = []
        var index = low
        var lastKey: ObjectKey?
        while index < keys.count {
            let key = keys[index]
            if !prefix.isEmpty, !key.storageKey.hasPrefix(prefix) { break }
            if let object = state(key), !selective || options.matches(object.object) {
                if items.count == limit { break }
                items.append(object)
                lastKey = key
            }
            index += 1
        }
        var page = ListPage(items: items, resourceVersion: snapshot)
        // More to come when a further matching object exists.
        if items.count == limit, let lastKey {
            var remaining = 0
            var probe = index
            while probe < keys.count {
                let key = keys[probe]
                if !prefix.isEmpty, !key.storageKey.hasPrefix(prefix) { break }
                if let object = state(key), !selective || options.matches(object.object) {
                    remaining += 1
                    if selective { break }
                }
                probe += 1
            }
            if remaining > 0 {
                page.continueToken = ContinueToken(resourceVersion: snapshot, start: lastKey.storageKey + "\u{0}").encoded
                if !selective { page.remainingItemCount = remaining }
            }
        }
        return page
    }

    // MARK: - Watching

    /// Opens a watch. Events after `options.resourceVersion` are replayed first; with no version
    /// (or "0"), every current object is sent as ADDED first, as the real server does.
    func watch(
        _ type: ResourceType, namespace: String?, options: ListOptions,
        encode: @escaping @Sendable (String, StoredObject) -> [UInt8],
        encodeError: @Sendable (APIError) -> [UInt8],
        encodeBookmark: @escaping @Sendable (UInt64, Bool) -> [UInt8]
    ) -> (id: Int, stream: AsyncStream<[UInt8]>) {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        nextWatcherID += 1
        let id = nextWatcherID
        let watcher = Watcher(id: id, type: type, namespace: namespace, options: options, continuation: continuation, encode: encode)
        guard let table = tables[type] else {
            continuation.finish()
            return (id, stream)
        }
        let requested = options.resourceVersion.flatMap { $0.isEmpty ? nil : $0 }
        let sendInitial = options.sendInitialEvents ?? (requested == nil || requested == "0")
        if let requested, requested != "0", options.sendInitialEvents != true {
            guard let version = UInt64(requested) else {
                continuation.yield(encodeError(APIError.badRequest("invalid resource version: \(requested)")))
                continuation.finish()
                return (id, stream)
            }
            guard table.canServe(since: version) else {
                // As the real server does: a 200 answer whose only event is an ERROR with a 410 Status.
                continuation.yield(encodeError(APIError.gone("too old resource version: \(version) (\(table.oldestResumableVersion))")))
                continuation.finish()
                return (id, stream)
            }
            for event in table.events(after: version) { watcher.deliver(event) }
        } else if sendInitial {
            for object in all(type, namespace: namespace) where watcher.selects(object) {
                continuation.yield(encode("ADDED", object))
            }
            if options.sendInitialEvents == true {
                continuation.yield(encodeBookmark(resourceVersion, true))
            }
        }
        watchers[type, default: [:]][id] = watcher
        let store = self
        continuation.onTermination = { _ in
            Task { await store.removeWatcher(type, id) }
        }
        return (id, stream)
    }

    func removeWatcher(_ type: ResourceType, _ id: Int) {
        watchers[type]?[id]?.continuation.finish()
        watchers[type]?[id] = nil
    }

    /// Sends a bookmark with the current version to one watcher.
    func bookmark(_ type: ResourceType, _ id: Int, encode: @Sendable (UInt64) -> [UInt8]) {
        watchers[type]?[id]?.continuation.yield(encode(resourceVersion))
    }

    /// Closes every open watch (shutdown).
    func closeAllWatches() {
        for (_, byID) in watchers {
            for (_, watcher) in byID { watcher.continuation.finish() }
        }
        watchers = [:]
    }

    var openWatchCount: Int { watchers.values.reduce(0) { $0 + $1.count } }

    // MARK: - Committing changes

    /// Stores a change: bumps the store's version, records it in the history, updates the
    /// indexes, notifies the watches and wakes the controllers.
    @discardableResult
    func commit(_ type: ResourceType, _ kind: WatchEvent.Kind, _ object: JSON, previous: StoredObject?) -> StoredObject {
        resourceVersion += 1
        var object = object
        object.setValue(.string(String(resourceVersion)), at: ["metadata", "resourceVersion"])
        let stored = StoredObject(object: object, resourceVersion: resourceVersion)
        let key = ObjectKey(namespace: stored.namespace, name: stored.name)
        let event = WatchEvent(kind: kind, key: key, object: stored, previous: previous)
        tables[type]?.record(event)
        let owners = updateIndexes(type, key: key, old: previous, new: kind == .deleted ? nil : stored)
        enqueueForControllers(type, key: key, owners: owners)
        if let byID = watchers[type] {
            for watcher in byID.values { watcher.deliver(event) }
        }
        if inControllerPass {
            writesInPass += 1
        } else {
            changeHandler?(type)
        }
        return stored
    }

    /// Updates the uid and owner indexes; returns the owners named before or after the change.
    private func updateIndexes(_ type: ResourceType, key: ObjectKey, old: StoredObject?, new: StoredObject?) -> Set<String> {
        if let old { uidIndex[old.uid] = nil }
        if let new { uidIndex[new.uid] = (type, key) }
        let oldOwners = Set(old.map(Self.ownerUIDs) ?? [])
        let newOwners = Set(new.map(Self.ownerUIDs) ?? [])
        let ref = DependentRef(type: type, key: key)
        for uid in oldOwners.subtracting(newOwners) {
            dependents[uid]?.remove(ref)
            if dependents[uid]?.isEmpty == true { dependents[uid] = nil }
        }
        for uid in newOwners.subtracting(oldOwners) { dependents[uid, default: []].insert(ref) }
        return oldOwners.union(newOwners)
    }

    static func ownerUIDs(_ object: StoredObject) -> [String] {
        (object.object.value(at: ["metadata", "ownerReferences"])?.arrayValue ?? []).compactMap { $0["uid"].stringValue }
    }

    /// The dependents of an owner, resolved to their current objects.
    func dependentObjects(of uid: String) -> [(ResourceType, StoredObject)] {
        (dependents[uid] ?? []).sorted { $0.key < $1.key }.compactMap { ref in
            tables[ref.type]?.objects[ref.key].map { (ref.type, $0) }
        }
    }

    /// The dependents of an owner of one resource in one namespace, in storage-key order: what
    /// `all(type, namespace:)` filtered by owner gives, found through the owner index.
    func ownedObjects(of uid: String, type: ResourceType, namespace: String) -> [StoredObject] {
        (dependents[uid] ?? []).filter { $0.type == type && $0.key.namespace == namespace }.sorted { $0.key < $1.key }.compactMap {
            tables[type]?.objects[$0.key]
        }
    }

    /// A random suffix as the real server makes for `generateName` (5 characters, no vowels).
    func randomSuffix(length: Int = 5) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }
}
