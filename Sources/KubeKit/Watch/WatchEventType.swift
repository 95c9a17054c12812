/// What a ``WatchEvent`` reports.
public struct WatchEventType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// `ADDED`, `MODIFIED`, `DELETED` or `BOOKMARK`.
    public var rawValue: String
    /// An event type from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The wire spelling.
    public var description: String { rawValue }

    /// The object appeared (or existed when the watch started).
    public static let added = WatchEventType(rawValue: "ADDED")
    /// The object changed.
    public static let modified = WatchEventType(rawValue: "MODIFIED")
    /// The object was deleted; the event carries its last state.
    public static let deleted = WatchEventType(rawValue: "DELETED")
    /// A progress marker: only `metadata.resourceVersion` is set. Delivered only when
    /// ``WatchOptions/deliverBookmarks`` is on.
    public static let bookmark = WatchEventType(rawValue: "BOOKMARK")
}
