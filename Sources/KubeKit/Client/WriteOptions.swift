/// Options of create, replace and patch.
public struct WriteOptions: Sendable, Hashable {
    /// The field manager recorded in `managedFields` (required for server-side apply, where the
    /// patch carries it).
    public var fieldManager: String?
    /// Validates and runs admission without persisting (`dryRun=All`).
    public var dryRun: Bool

    /// Write options.
    public init(fieldManager: String? = nil, dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
    }

    var query: [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        if let fieldManager { query.append(("fieldManager", fieldManager)) }
        if dryRun { query.append(("dryRun", "All")) }
        return query
    }
}
