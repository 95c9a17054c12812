/// The objects of one resource, their sorted key order (rebuilt lazily) and a bounded history of
/// changes for watch resumption and consistent pagination.
struct ResourceTable {
    var objects: [ObjectKey: StoredObject] = [:]
    private var sortedCache: [ObjectKey]?
    private(set) var history: [WatchEvent] = []
    private var historyStart = 0
    let historyLimit: Int
    /// Every change after this version is in ``history``.
    private(set) var compactedThrough: UInt64

    init(historyLimit: Int, startVersion: UInt64) {
        self.historyLimit = max(1, historyLimit)
        compactedThrough = startVersion
    }

    var sortedKeys: [ObjectKey] {
        mutating get {
            if let sortedCache { return sortedCache }
            let keys = objects.keys.sorted()
            sortedCache = keys
            return keys
        }
    }

    mutating func record(_ event: WatchEvent) {
        switch event.kind {
        case .added:
            objects[event.key] = event.object
            sortedCache = nil
        case .modified:
            objects[event.key] = event.object
        case .deleted:
            objects[event.key] = nil
            sortedCache = nil
        }
        history.append(event)
        if history.count - historyStart > historyLimit {
            compactedThrough = history[historyStart].resourceVersion
            historyStart += 1
            if historyStart > 4096, historyStart * 2 > history.count {
                history.removeFirst(historyStart)
                historyStart = 0
            }
        }
    }

    /// The retained events after a version, oldest first.
    func events(after version: UInt64) -> ArraySlice<WatchEvent> {
        var low = historyStart
        var high = history.count
        while low < high {
            let middle = (low + high) / 2
            if history[middle].resourceVersion <= version { low = middle + 1 } else { high = middle }
        }
        return history[low...]
    }

    /// Whether the history still reaches back to just after `version`.
    func canServe(since version: UInt64) -> Bool { version >= compactedThrough }

    /// The oldest version from which a watch can still resume.
    var oldestResumableVersion: UInt64 { compactedThrough + 1 }
}
