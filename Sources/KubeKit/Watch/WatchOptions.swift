/// How a watch behaves.
public struct WatchOptions: Sendable, Hashable {
    /// Whether ``WatchEvent/EventType/bookmark`` events reach the caller. Bookmarks are always
    /// requested (`allowWatchBookmarks`), since they let a watch resume from a recent version.
    public var deliverBookmarks: Bool
    /// Asks the server to end each connection after this many seconds (the watch then
    /// reconnects); `nil` leaves it to the server.
    public var timeoutSeconds: Int?
    /// How many reconnections in a row may fail before the watch gives up with the last error.
    public var maxConsecutiveFailures: Int
    /// Whether a 410 Gone (the resume version is too old) is answered by listing again and
    /// reporting the difference as events; otherwise the watch ends with the ``KubeError``.
    public var relistOnGone: Bool

    /// Watch options.
    public init(deliverBookmarks: Bool = false, timeoutSeconds: Int? = nil, maxConsecutiveFailures: Int = 8, relistOnGone: Bool = true) {
        self.deliverBookmarks = deliverBookmarks
        self.timeoutSeconds = timeoutSeconds
        self.maxConsecutiveFailures = max(1, maxConsecutiveFailures)
        self.relistOnGone = relistOnGone
    }
}
