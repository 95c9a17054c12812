/// What the state of a Deployment and its new pods means for a rollout.
public enum RolloutDecision: Sendable, Hashable {
    /// Every replica is updated and available, and no old replica is left.
    case done(message: String)
    /// Still in progress; the message says what is awaited (as `kubectl rollout status` prints it).
    case waiting(message: String)
    /// It will not finish on its own.
    case failed(RolloutFailure)
}
