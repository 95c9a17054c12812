/// The objects a list returned, every page gathered, with the collection's `resourceVersion`.
public struct ResourceList<Item: Sendable>: Sendable {
    /// The objects, in the order the server returned them.
    public var items: [Item]
    /// The version of the collection (the first page's, which all pages share); start a watch
    /// from it to see every later change.
    public var resourceVersion: String?

    /// A list of objects.
    public init(items: [Item], resourceVersion: String?) {
        self.items = items
        self.resourceVersion = resourceVersion
    }
}

extension ResourceList: Equatable where Item: Equatable {}
extension ResourceList: Hashable where Item: Hashable {}
