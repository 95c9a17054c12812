/// Why a rollout failed.
public struct RolloutFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The cause.
    public struct Reason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The cause's name.
        public var rawValue: String
        /// A reason from its name.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The cause's name.
        public var description: String { rawValue }

        /// The deployment controller reported `ProgressDeadlineExceeded`.
        public static let progressDeadlineExceeded = Reason(rawValue: "ProgressDeadlineExceeded")
        /// Pods cannot pull their image (still backing off).
        public static let imagePullBackOff = Reason(rawValue: "ImagePullBackOff")
        /// Pods cannot pull their image.
        public static let errImagePull = Reason(rawValue: "ErrImagePull")
        /// Pods keep crashing.
        public static let crashLoopBackOff = Reason(rawValue: "CrashLoopBackOff")
        /// Pods refer to a ConfigMap, Secret or key that does not exist.
        public static let createContainerConfigError = Reason(rawValue: "CreateContainerConfigError")
        /// Pods fit on no node.
        public static let unschedulable = Reason(rawValue: "Unschedulable")
        /// The Deployment was deleted (or replaced by a namesake) while waiting.
        public static let deploymentDeleted = Reason(rawValue: "DeploymentDeleted")
    }

    /// The cause.
    public var reason: Reason
    /// The Deployment's name.
    public var deployment: String
    /// What happened, in a sentence.
    public var message: String
    /// The stuck pods, with their reasons.
    public var pods: [PodProblem]

    /// A failure.
    public init(reason: Reason, deployment: String, message: String, pods: [PodProblem] = []) {
        self.reason = reason
        self.deployment = deployment
        self.message = message
        self.pods = pods
    }

    /// The message and every stuck pod.
    public var description: String {
        ([message] + pods.map(\.description)).joined(separator: "; ")
    }
}
