/// A snapshot of a rollout in progress, for progress reports.
public struct RolloutProgress: Sendable, Hashable, CustomStringConvertible {
    /// What is awaited, as `kubectl rollout status` words it, with a warning about stuck pods.
    public var message: String
    /// The desired replicas.
    public var desiredReplicas: Int
    /// Replicas of the new template.
    public var updatedReplicas: Int
    /// Available replicas, as the Deployment counts them (old and new templates).
    public var availableReplicas: Int
    /// Pods showing a failure reason that is not fatal yet.
    public var problems: [PodProblem]

    /// A progress snapshot.
    public init(message: String, desiredReplicas: Int, updatedReplicas: Int, availableReplicas: Int, problems: [PodProblem] = []) {
        self.message = message
        self.desiredReplicas = desiredReplicas
        self.updatedReplicas = updatedReplicas
        self.availableReplicas = availableReplicas
        self.problems = problems
    }

    /// The message.
    public var description: String { message }
}
