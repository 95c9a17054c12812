/// Where an object lives: its namespace (empty for cluster-scoped objects) and name. Ordered by
/// the real server's storage key (`namespace/name`), which is the order lists come back in.
struct ObjectKey: Hashable, Comparable, Sendable {
    let namespace: String
    let name: String
    /// `namespace/name`, or `name` for cluster-scoped objects.
    let storageKey: String

    init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
        storageKey = namespace.isEmpty ? name : "\(namespace)/\(name)"
    }

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool { lhs.storageKey < rhs.storageKey }
    static func == (lhs: ObjectKey, rhs: ObjectKey) -> Bool { lhs.storageKey == rhs.storageKey }
    func hash(into hasher: inout Hasher) { hasher.combine(storageKey) }
}
