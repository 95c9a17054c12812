/// `metadata` of a list response (meta/v1 ListMeta).
public struct ListMeta: JSONObjectModel {
    /// The JSON members, unknown ones included.
    public var object: [String: JSONValue]
    /// Wraps JSON members.
    public init(object: [String: JSONValue]) { self.object = object }

    /// The collection's version at the time of the list; a watch started from it misses nothing.
    public var resourceVersion: String? {
        get { self[field: "resourceVersion"] }
        set { self[field: "resourceVersion"] = newValue }
    }
    /// The token for the next page; absent on the last page.
    public var `continue`: String? {
        get { self[field: "continue"] }
        set { self[field: "continue"] = newValue }
    }
    /// How many items remain after this page, when the server knows.
    public var remainingItemCount: Int64? {
        get { self[field: "remainingItemCount"] }
        set { self[field: "remainingItemCount"] = newValue }
    }
}
