/// One change seen by a watch.
public struct WatchEvent<Object: Sendable>: Sendable {
    /// What happened.
    public var type: WatchEventType
    /// The object after the change (for deletions, its last state).
    public var object: Object

    /// An event.
    public init(type: WatchEventType, object: Object) {
        self.type = type
        self.object = object
    }
}

extension WatchEvent: Equatable where Object: Equatable {}
