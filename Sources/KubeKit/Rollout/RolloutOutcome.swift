/// How waiting for a rollout ended.
public enum RolloutOutcome: Sendable, Hashable {
    /// The rollout finished; the message is kubectl's (`deployment "web" successfully rolled out`).
    case succeeded(message: String)
    /// The rollout cannot finish: progress deadline exceeded, pods stuck, or the Deployment deleted.
    case failed(RolloutFailure)
    /// The caller's timeout passed first; the last progress message says where it stood.
    case timedOut(lastMessage: String)

    /// Whether the rollout finished.
    public var succeeded: Bool {
        if case .succeeded = self { return true }
        return false
    }
}
