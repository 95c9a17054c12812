/// A pod of a rollout that is stuck, and why.
public struct PodProblem: Sendable, Hashable, CustomStringConvertible {
    /// The pod's name.
    public var pod: String
    /// The container that is stuck, when the problem is a container's.
    public var container: String?
    /// `ImagePullBackOff`, `ErrImagePull`, `CrashLoopBackOff`, `CreateContainerConfigError` or
    /// `Unschedulable`.
    public var reason: String
    /// The kubelet's or scheduler's message.
    public var message: String

    /// A stuck pod.
    public init(pod: String, container: String? = nil, reason: String, message: String) {
        self.pod = pod
        self.container = container
        self.reason = reason
        self.message = message
    }

    /// `pod web-42-abc (container web): ImagePullBackOff: Back-off pulling image "…"`.
    public var description: String {
        var text = "pod \(pod)"
        if let container { text += " (container \(container))" }
        text += ": \(reason)"
        if !message.isEmpty { text += ": \(message)" }
        return text
    }
}
