/// How long a pod may show a failure reason before the rollout is declared failed, instead of
/// waiting out the whole deadline.
///
/// Some of these reasons can clear by themselves: an image pull can fail once on a registry
/// hiccup (`ErrImagePull` and `ImagePullBackOff` alternate while the kubelet retries), a crash
/// can be a dependency that was not up yet, a missing ConfigMap can be created a moment later, and
/// an unschedulable pod can be placed once an autoscaler adds a node. So a reason is fatal only
/// after a pod has shown it (or, for image pulls, either of the two) continuously for its grace
/// period; the clock restarts when the pod stops showing it.
public struct FastFailPolicy: Sendable, Hashable {
    /// Grace periods by reason family: `ImagePull` (ErrImagePull and ImagePullBackOff),
    /// `CrashLoopBackOff`, `CreateContainerConfigError`, `Unschedulable`. A family without an entry
    /// is never fatal.
    public var gracePeriods: [String: Duration]

    /// A policy from grace periods.
    public init(gracePeriods: [String: Duration]) {
        self.gracePeriods = gracePeriods
    }

    /// Image pulls 30 s, crash loops 30 s, config errors 30 s, unschedulable 60 s. Clusters
    /// whose autoscaler adds nodes on demand should raise the unschedulable period to the time a
    /// node takes to join (or remove it).
    public static let standard = FastFailPolicy(gracePeriods: [
        Family.imagePull: .seconds(30),
        Family.crashLoop: .seconds(30),
        Family.createContainerConfig: .seconds(30),
        Family.unschedulable: .seconds(60),
    ])

    /// Fails as soon as any reason is seen.
    public static let immediate = FastFailPolicy(gracePeriods: [
        Family.imagePull: .zero, Family.crashLoop: .zero, Family.createContainerConfig: .zero, Family.unschedulable: .zero,
    ])

    /// Never fails early; only the progress deadline or the caller's timeout end the wait.
    public static let disabled = FastFailPolicy(gracePeriods: [:])

    /// The reason families.
    public enum Family {
        /// `ErrImagePull` and `ImagePullBackOff`.
        public static let imagePull = "ImagePull"
        /// `CrashLoopBackOff`.
        public static let crashLoop = "CrashLoopBackOff"
        /// `CreateContainerConfigError`.
        public static let createContainerConfig = "CreateContainerConfigError"
        /// `PodScheduled=False` with reason `Unschedulable`.
        public static let unschedulable = "Unschedulable"

        /// The family of a container waiting reason or scheduling reason, if it is one.
        static func of(_ reason: String) -> String? {
            switch reason {
            case "ErrImagePull", "ImagePullBackOff": return imagePull
            case "CrashLoopBackOff": return crashLoop
            case "CreateContainerConfigError": return createContainerConfig
            case "Unschedulable": return unschedulable
            default: return nil
            }
        }
    }
}
